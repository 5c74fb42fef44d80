package by.ocenka.account.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import by.ocenka.account.Role;
import by.ocenka.account.StaffInvitations.Invitation;
import by.ocenka.account.StaffInvitations.Pending;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Organisation roles offered to existing accounts (table {@code staff_invitation}). */
@Repository
public class InvitationRepository {

    /**
     * An offer stands while whoever made it may still make it, as the database says now (not their session): a portal
     * admin, or an organisation admin of the organisation or a body above it (the catalogue's published
     * {@code org_closure}), with an account that was not deleted.
     */
    private static final String STILL_OFFERED = " " + """
            EXISTS (SELECT 1 FROM app_user maker WHERE maker.id = i.invited_by AND maker.deleted_at IS NULL
                    AND (EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = maker.id AND r.role = 'ADMIN')
                         OR EXISTS (SELECT 1 FROM user_role r JOIN org_closure c ON c.ancestor_id = r.organization_id
                                    WHERE r.user_id = maker.id AND r.role = 'ORG_ADMIN'
                                      AND c.descendant_id = i.organization_id)))""";

    private final DatabaseClient db;

    InvitationRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Offers the role (again: a repeated offer runs afresh). */
    public Mono<Void> offer(long userId, Role role, long organizationId, String organization, Long invitedBy, Duration validity) {
        return offer(userId, role, organizationId, organization, null, invitedBy, validity);
    }

    /** The same, with the position the role is offered for; a moderator's offer has no organisation (null). */
    public Mono<Void> offer(long userId, Role role, Long organizationId, String organization, String position,
                            Long invitedBy, Duration validity) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO staff_invitation (user_id, role, organization_id, organization, position, invited_by, expires_at)
                        VALUES (:user, :role, :org, :name, :position, :by, now() + make_interval(secs => :validity))
                        ON CONFLICT (user_id, role, coalesce(organization_id, 0)) DO UPDATE SET organization = excluded.organization,
                            position = excluded.position, invited_by = excluded.invited_by, created_at = now(),
                            expires_at = excluded.expires_at""")
                .bind("user", userId).bind("role", role.name())
                .bind("org", Parameter.fromOrEmpty(organizationId, Long.class))
                .bind("name", Parameter.fromOrEmpty(organization, String.class))
                .bind("position", Parameter.fromOrEmpty(position, String.class))
                .bind("validity", (double) validity.toSeconds());
        return (invitedBy == null ? spec.bindNull("by", Long.class) : spec.bind("by", invitedBy)).then();
    }

    /** The account's open offers, newest first. */
    public Flux<Invitation> open(long userId) {
        return db.sql("""
                        SELECT id, role, organization_id, organization, created_at, expires_at, position FROM staff_invitation i
                        WHERE user_id = :user AND expires_at > now() AND """ + STILL_OFFERED + " ORDER BY created_at DESC")
                .bind("user", userId)
                .map(row -> new Invitation(row.get("id", Long.class), Role.valueOf(row.get("role", String.class)),
                        row.get("organization_id", Long.class), row.get("organization", String.class),
                        row.get("created_at", Instant.class), row.get("expires_at", Instant.class),
                        row.get("position", String.class)))
                .all();
    }

    /** Takes the account's open offer away (accepted or declined): the offer, or empty when there is none. */
    public Mono<Invitation> take(long userId, long id) {
        return db.sql("""
                        DELETE FROM staff_invitation i WHERE id = :id AND user_id = :user AND expires_at > now()
                          AND """ + STILL_OFFERED + " RETURNING id, role, organization_id, organization, created_at, expires_at, position")
                .bind("id", id).bind("user", userId)
                .map(row -> new Invitation(row.get("id", Long.class), Role.valueOf(row.get("role", String.class)),
                        row.get("organization_id", Long.class), row.get("organization", String.class),
                        row.get("created_at", Instant.class), row.get("expires_at", Instant.class),
                        row.get("position", String.class)))
                .one();
    }

    /** The open offers for these organisations, with the addresses they went to, newest first. */
    public Flux<Pending> pending(List<Long> organizationIds) {
        return db.sql("""
                        SELECT i.id, u.email, i.role, i.organization_id, i.created_at, i.expires_at
                        FROM staff_invitation i JOIN app_user u ON u.id = i.user_id
                        WHERE i.organization_id = ANY(:orgs) AND i.expires_at > now() AND """ + STILL_OFFERED
                        + " ORDER BY i.created_at DESC")
                .bind("orgs", organizationIds.toArray(Long[]::new))
                .map(row -> new Pending(row.get("id", Long.class), row.get("email", String.class),
                        Role.valueOf(row.get("role", String.class)), row.get("organization_id", Long.class),
                        row.get("created_at", Instant.class), row.get("expires_at", Instant.class)))
                .all();
    }

    /** Withdraws an offer for one of these organisations: the offer, or empty when there is none. */
    public Mono<Pending> withdraw(long id, List<Long> organizationIds) {
        return db.sql("""
                        DELETE FROM staff_invitation i USING app_user u
                        WHERE i.id = :id AND u.id = i.user_id AND i.organization_id = ANY(:orgs)
                        RETURNING i.id, u.email, i.role, i.organization_id, i.created_at, i.expires_at""")
                .bind("id", id).bind("orgs", organizationIds.toArray(Long[]::new))
                .map(row -> new Pending(row.get("id", Long.class), row.get("email", String.class),
                        Role.valueOf(row.get("role", String.class)), row.get("organization_id", Long.class),
                        row.get("created_at", Instant.class), row.get("expires_at", Instant.class)))
                .one();
    }

    /** The open offers of the moderator's role, with the addresses they went to, newest first. */
    public Flux<Pending> pendingModerators() {
        return db.sql("""
                        SELECT i.id, u.email, i.role, i.organization_id, i.created_at, i.expires_at
                        FROM staff_invitation i JOIN app_user u ON u.id = i.user_id
                        WHERE i.role = 'MODERATOR' AND i.expires_at > now() AND """ + STILL_OFFERED
                        + " ORDER BY i.created_at DESC")
                .map(row -> new Pending(row.get("id", Long.class), row.get("email", String.class),
                        Role.valueOf(row.get("role", String.class)), row.get("organization_id", Long.class),
                        row.get("created_at", Instant.class), row.get("expires_at", Instant.class)))
                .all();
    }

    /** Withdraws a moderator's offer: the offer, or empty when there is none. */
    public Mono<Pending> withdrawModerator(long id) {
        return db.sql("""
                        DELETE FROM staff_invitation i USING app_user u
                        WHERE i.id = :id AND u.id = i.user_id AND i.role = 'MODERATOR'
                        RETURNING i.id, u.email, i.role, i.organization_id, i.created_at, i.expires_at""")
                .bind("id", id)
                .map(row -> new Pending(row.get("id", Long.class), row.get("email", String.class),
                        Role.valueOf(row.get("role", String.class)), row.get("organization_id", Long.class),
                        row.get("created_at", Instant.class), row.get("expires_at", Instant.class)))
                .one();
    }

    /** Withdraws every offer this user made (they no longer hold the role they made them with). */
    public Mono<Void> withdrawBy(long inviterId) {
        return db.sql("DELETE FROM staff_invitation WHERE invited_by = :user").bind("user", inviterId).then();
    }
}

package by.ocenka.account.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import by.ocenka.account.AccountRequests;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The accounts' SQL. */
@Repository
public class AccountRepository {

    /** A stored account with what login needs. */
    public record StoredUser(long id, String email, String passwordHash, String displayName, boolean emailConfirmed,
                             boolean anonymousReviews, Instant createdAt) {
    }

    private static final String USER_COLUMNS = "u.id, u.email, u.password_hash, u.display_name, u.email_confirmed_at IS NOT NULL AS confirmed, u.anonymous_reviews, u.created_at";

    private final DatabaseClient db;

    AccountRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<StoredUser> byEmail(String email) {
        // Any form of the address finds its account: "A.B+rate@gmail.com" is "ab@gmail.com" (V24's canonical_email).
        // Of two accounts an older database may hold for one canonical address, the one typed exactly, else the oldest.
        return db.sql("SELECT " + USER_COLUMNS + " FROM app_user u WHERE u.canonical_email = canonical_email(:email) "
                        + "AND u.deleted_at IS NULL ORDER BY lower(u.email) = lower(:email) DESC, u.id LIMIT 1")
                .bind("email", email)
                .map(AccountRepository::user)
                .one();
    }

    public Mono<StoredUser> byId(long id) {
        return db.sql("SELECT " + USER_COLUMNS + " FROM app_user u WHERE u.id = :id AND u.deleted_at IS NULL")
                .bind("id", id)
                .map(AccountRepository::user)
                .one();
    }

    /**
     * The new account's id, or empty when the e-mail is taken, in any form of it (the unique indexes on the address
     * and on its canonical form decide, not a prior read).
     */
    public Mono<Long> insert(String email, String passwordHash, String displayName, boolean confirmed) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO app_user (email, password_hash, display_name, email_confirmed_at)
                        VALUES (:email, :hash, :name, CASE WHEN :confirmed THEN now() END)
                        ON CONFLICT DO NOTHING
                        RETURNING id""")
                .bind("email", email)
                .bind("name", displayName);
        // No password: an account issued by an admin, or one that only logs in socially.
        spec = passwordHash == null ? spec.bindNull("hash", String.class) : spec.bind("hash", passwordHash);
        return spec
                .bind("confirmed", confirmed)
                .map(row -> row.get("id", Long.class))
                .one();
    }

    public Mono<Void> grant(long userId, Role role, Long organizationId) {
        return grant(userId, role, organizationId, null);
    }

    /** The same, with the position held in the organisation (an organisation role issued as the procedure asks). */
    public Mono<Void> grant(long userId, Role role, Long organizationId, String position) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO user_role (user_id, role, organization_id, position) VALUES (:user, :role, :organization, :position)
                        ON CONFLICT DO NOTHING""")
                .bind("user", userId)
                .bind("role", role.name())
                .bind("position", Parameter.fromOrEmpty(position, String.class));
        spec = organizationId == null ? spec.bindNull("organization", Long.class) : spec.bind("organization", organizationId);
        return spec.then();
    }

    /** The organisation roles granted for these organisations, with their holders. */
    public Flux<AccountRequests.StaffMember> staff(Collection<Long> organizationIds) {
        return db.sql("""
                        SELECT u.id, u.email, u.display_name, r.role, r.organization_id, r.position
                        FROM user_role r JOIN app_user u ON u.id = r.user_id
                        WHERE r.organization_id = ANY(:orgs) AND u.deleted_at IS NULL
                        ORDER BY r.organization_id, u.display_name, u.id""")
                .bind("orgs", organizationIds.toArray(Long[]::new))
                .map(AccountRepository::staffMember)
                .all();
    }

    /** Every organisation role granted, the newest accounts first (the portal admin's list), with the total. */
    public Mono<Page<AccountRequests.StaffMember>> allStaff(PageRequest page) {
        return db.sql("""
                        SELECT u.id, u.email, u.display_name, r.role, r.organization_id, r.position, count(*) OVER () AS total
                        FROM user_role r JOIN app_user u ON u.id = r.user_id
                        WHERE r.organization_id IS NOT NULL AND u.deleted_at IS NULL
                        ORDER BY u.id DESC, r.organization_id LIMIT :limit OFFSET :offset""")
                .bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> Map.entry(staffMember(row), row.get("total", Long.class)))
                .all()
                .as(rows -> Page.counted(rows, page));
    }

    private static AccountRequests.StaffMember staffMember(Readable row) {
        return new AccountRequests.StaffMember(row.get("id", Long.class), row.get("email", String.class),
                row.get("display_name", String.class), row.get("role", String.class), row.get("organization_id", Long.class),
                row.get("position", String.class));
    }

    /** Takes an organisation role away; answers whether there was one. */
    public Mono<Boolean> revoke(long userId, Role role, long organizationId) {
        return db.sql("DELETE FROM user_role WHERE user_id = :user AND role = :role AND organization_id = :org")
                .bind("user", userId).bind("role", role.name()).bind("org", organizationId)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Takes a role that is not an organisation's (a moderator's) away; answers whether there was one. */
    public Mono<Boolean> revokeUnscoped(long userId, Role role) {
        return db.sql("DELETE FROM user_role WHERE user_id = :user AND role = :role AND organization_id IS NULL")
                .bind("user", userId).bind("role", role.name())
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** The holders of a role that is not an organisation's, by name. */
    public Flux<AccountRequests.Holder> holders(Role role) {
        return db.sql("""
                        SELECT u.id, u.email, u.display_name FROM user_role r JOIN app_user u ON u.id = r.user_id
                        WHERE r.role = :role AND r.organization_id IS NULL AND u.deleted_at IS NULL
                        ORDER BY u.display_name, u.id""")
                .bind("role", role.name())
                .map(row -> new AccountRequests.Holder(row.get("id", Long.class), row.get("email", String.class),
                        row.get("display_name", String.class)))
                .all();
    }

    /** One role of a user, with the organisation it is scoped to. */
    private record Grant(Role role, Long organizationId) {
    }

    /** The roles and, for organisation admins, the organisations they administer. */
    public Mono<CurrentUser> withRoles(StoredUser user) {
        return db.sql("SELECT role, organization_id FROM user_role WHERE user_id = :user")
                .bind("user", user.id())
                .map(row -> new Grant(Role.valueOf(row.get("role", String.class)), row.get("organization_id", Long.class)))
                .all()
                .collectList()
                .map(grants -> {
                    Set<Role> roles = new HashSet<>();
                    Set<Long> adminOf = new HashSet<>();
                    Set<Long> responderOf = new HashSet<>();
                    for (Grant grant : grants) {
                        roles.add(grant.role());
                        if (grant.role() == Role.ORG_ADMIN) {
                            adminOf.add(grant.organizationId());
                        } else if (grant.role() == Role.ORG_RESPONDER) {
                            responderOf.add(grant.organizationId());
                        }
                    }
                    return new CurrentUser(user.id(), user.email(), user.displayName(), roles, user.emailConfirmed(),
                            adminOf, responderOf, user.anonymousReviews(), user.createdAt());
                });
    }

    public Mono<Void> confirmEmail(long userId) {
        return db.sql("UPDATE app_user SET email_confirmed_at = coalesce(email_confirmed_at, now()) WHERE id = :id")
                .bind("id", userId).then();
    }

    public Mono<Void> setPassword(long userId, String hash) {
        return db.sql("UPDATE app_user SET password_hash = :hash WHERE id = :id").bind("id", userId).bind("hash", hash).then();
    }

    public Mono<Void> anonymousReviews(long userId, boolean anonymous) {
        return db.sql("UPDATE app_user SET anonymous_reviews = :anonymous WHERE id = :id")
                .bind("id", userId).bind("anonymous", anonymous).then();
    }

    /** Whether the user is mailed when an organisation answers their questionnaire (false for an unknown user). */
    public Mono<Boolean> mailOnReply(long userId) {
        return db.sql("SELECT mail_on_reply FROM app_user WHERE id = :id").bind("id", userId)
                .map(row -> Boolean.TRUE.equals(row.get("mail_on_reply", Boolean.class))).one().defaultIfEmpty(false);
    }

    public Mono<Void> mailOnReply(long userId, boolean on) {
        return db.sql("UPDATE app_user SET mail_on_reply = :on WHERE id = :id").bind("id", userId).bind("on", on).then();
    }

    public Mono<Void> rename(long userId, String displayName) {
        return db.sql("UPDATE app_user SET display_name = :name WHERE id = :id").bind("id", userId).bind("name", displayName).then();
    }

    public Mono<Void> anonymise(long userId) {
        return db.sql("DELETE FROM user_role WHERE user_id = :id").bind("id", userId).then()
                .then(db.sql("DELETE FROM user_identity WHERE user_id = :id").bind("id", userId).then())
                .then(db.sql("DELETE FROM account_certificate WHERE user_id = :id").bind("id", userId).then())
                // Offers to the account and offers it made.
                .then(db.sql("DELETE FROM staff_invitation WHERE user_id = :id OR invited_by = :id").bind("id", userId).then())
                .then(db.sql("UPDATE account_token SET used_at = now() WHERE user_id = :id AND used_at IS NULL").bind("id", userId).then())
                .then(db.sql("""
                                UPDATE app_user SET email = 'deleted-' || id || '@invalid', display_name = '—',
                                       password_hash = NULL, deleted_at = now()
                                WHERE id = :id AND deleted_at IS NULL""")
                        .bind("id", userId).then());
    }

    public Mono<Long> identity(String provider, String subject) {
        return db.sql("""
                        SELECT i.user_id FROM user_identity i JOIN app_user u ON u.id = i.user_id
                        WHERE i.provider = :provider AND i.subject = :subject AND u.deleted_at IS NULL""")
                .bind("provider", provider).bind("subject", subject)
                .map(row -> row.get("user_id", Long.class)).one();
    }

    /** Links a social identity to the account; {@code verified}: it proved the account's address. */
    public Mono<Void> link(String provider, String subject, long userId, String email, boolean verified) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO user_identity (provider, subject, user_id, email, verified)
                        VALUES (:provider, :subject, :user, :email, :verified)
                        ON CONFLICT (provider, subject) DO UPDATE SET user_id = excluded.user_id, email = excluded.email,
                                                                     verified = excluded.verified""")
                .bind("provider", provider).bind("subject", subject).bind("user", userId).bind("verified", verified);
        return (email == null ? spec.bindNull("email", String.class) : spec.bind("email", email)).then();
    }

    /** The identity, linked to this account, proved its address (its owner confirmed the mail from the same browser). */
    public Mono<Void> verifyIdentity(String provider, String subject, long userId) {
        return db.sql("UPDATE user_identity SET verified = true WHERE provider = :provider AND subject = :subject AND user_id = :user")
                .bind("provider", provider).bind("subject", subject).bind("user", userId).then();
    }

    /** Unlinks the account's social identities that never proved its address; answers how many. */
    public Mono<Long> unlinkUnverified(long userId) {
        return db.sql("DELETE FROM user_identity WHERE user_id = :id AND NOT verified").bind("id", userId)
                .fetch().rowsUpdated();
    }

    /** The address's owner proved it through a provider: confirmed, and any password set by whoever registered it dropped. */
    public Mono<Void> takeOver(long userId) {
        return db.sql("UPDATE app_user SET email_confirmed_at = now(), password_hash = NULL WHERE id = :id")
                .bind("id", userId).then();
    }

    public Mono<Boolean> anyWithRole(Role role) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM user_role WHERE role = :role) AS found")
                .bind("role", role.name())
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class)))
                .one();
    }

    /** The demo citizens ({@code citizenN@demo.ocenka.by}) by id, with their display names. */
    public Mono<Map<Long, String>> demoCitizens() {
        return db.sql("SELECT id, display_name FROM app_user WHERE email LIKE 'citizen%@demo.ocenka.by' AND deleted_at IS NULL")
                .map(row -> Map.entry(row.get("id", Long.class), row.get("display_name", String.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static StoredUser user(Readable row) {
        return new StoredUser(row.get("id", Long.class), row.get("email", String.class),
                row.get("password_hash", String.class), row.get("display_name", String.class),
                Boolean.TRUE.equals(row.get("confirmed", Boolean.class)),
                Boolean.TRUE.equals(row.get("anonymous_reviews", Boolean.class)),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}

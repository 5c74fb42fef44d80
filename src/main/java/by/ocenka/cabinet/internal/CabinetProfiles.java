package by.ocenka.cabinet.internal;

import java.util.Map;

import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.catalog.OrganizationProfile;
import by.ocenka.catalog.OrganizationProfiles;
import by.ocenka.moderation.ChangeRequestRecords;
import by.ocenka.moderation.ChangeRequests;
import by.ocenka.platform.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The organisation's profile as its admins keep it (for itself and any organisation of its subtree): read and
 * replace, each change in the audit trail with the old and the new values, in one transaction with the change.
 * Responders answer comments but do not keep the details (403).
 */
@Service
public class CabinetProfiles {

    /** A profile as the cabinet's page shows it: whose, and the details. */
    public record View(long organizationId, String name, OrganizationProfile profile) {
    }

    private final CabinetAccess access;
    private final OrganizationProfiles profiles;
    private final ChangeRequests changeRequests;
    private final AuditLog audit;
    private final TransactionalOperator transaction;

    CabinetProfiles(CabinetAccess access, OrganizationProfiles profiles, AuditLog audit, TransactionalOperator transaction,
                    ChangeRequests changeRequests) {
        this.changeRequests = changeRequests;
        this.access = access;
        this.profiles = profiles;
        this.audit = audit;
        this.transaction = transaction;
    }

    public Mono<View> view(CurrentUser user, long organizationId) {
        return access.check(user, organizationId, Need.MANAGE)
                .flatMap(scope -> profiles.profile(organizationId).map(profile -> new View(organizationId, scope.name(), profile)));
    }

    /** Replaces the profile: 400 with field errors, 403 outside the scope or for a responder, 404 unknown. */
    public Mono<OrganizationProfile> replace(CurrentUser user, long organizationId, OrganizationProfile wanted) {
        return access.check(user, organizationId, Need.MANAGE)
                .then(profiles.update(organizationId, wanted)
                        .flatMap(change -> audit.record(user.id(), "organization.profile", "organization:" + organizationId,
                                        organizationId, Map.of("before", change.before(), "after", change.after()))
                                .thenReturn(change.after()))
                        .as(transaction::transactional));
    }

    /** Asks the moderators to change the organisation's name, UNP or parent (its admins): 400 naming each field. */
    public Mono<ChangeRequestRecords.View> requestChange(CurrentUser user, long organizationId,
                                                        ChangeRequestRecords.Submission submission) {
        return access.check(user, organizationId, Need.MANAGE)
                .then(changeRequests.submit(user.id(), organizationId, submission));
    }

    /** The organisation's name, UNP and parent now, and its requests to the moderators, newest first (its admins). */
    public Mono<ChangeRequestRecords.Changes> changeRequests(CurrentUser user, long organizationId) {
        return access.check(user, organizationId, Need.MANAGE).then(changeRequests.ofOrganization(organizationId));
    }
}

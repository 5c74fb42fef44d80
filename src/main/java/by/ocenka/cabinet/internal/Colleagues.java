package by.ocenka.cabinet.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.account.AccountCertificates;
import by.ocenka.account.AccountCertificates.Registered;
import by.ocenka.account.AccountRequests.StaffMember;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.OrganizationStaff;
import by.ocenka.account.Role;
import by.ocenka.account.StaffInvitations;
import by.ocenka.account.StaffInvitations.Pending;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * An organisation admin's colleagues over the subtree, for the API and the pages alike: who holds an organisation
 * role, adding one by e-mail (a new address gets an account and a link to set its password; an existing account is
 * offered the role, which its owner accepts while signed in), taking a role away, and the digital-signature
 * certificates colleagues linked to their accounts (each links their own). Every change is checked against the
 * admin's scope and audited.
 */
@Service
public class Colleagues {

    /** What adding a colleague answers: the same whether or not the address had an account (nothing about it shows). */
    public record Added(String email, String role, long organizationId, String status) {
    }

    private final CabinetAccess scope;
    private final Organizations organizations;
    private final OrganizationStaff accounts;
    private final AccountCertificates certificates;
    private final StaffInvitations invitations;
    private final AuditLog audit;

    Colleagues(CabinetAccess scope, Organizations organizations, OrganizationStaff accounts,
               AccountCertificates certificates, StaffInvitations invitations, AuditLog audit) {
        this.invitations = invitations;
        this.scope = scope;
        this.organizations = organizations;
        this.accounts = accounts;
        this.certificates = certificates;
        this.audit = audit;
    }

    /** The organisation roles held anywhere in the subtree. */
    public Mono<List<StaffMember>> of(CurrentUser admin, long id) {
        return scope.check(admin, id, Need.MANAGE).flatMap(this::of);
    }

    /** The same for a scope checked already (the settings page); its user must manage it. */
    Mono<List<StaffMember>> of(CabinetAccess.Scope checked) {
        return manages(checked).then(staff(checked.organizationId()));
    }

    /**
     * Issues the colleague the role for this organisation: a new account, mailed a link to set its password, or an
     * invitation to an existing one, mailed, that its owner accepts. The answer does not tell the two apart.
     */
    public Mono<Added> add(CurrentUser admin, long id, String email, String displayName, Role role, Locale locale) {
        return checkRole(role).then(scope.check(admin, id, Need.MANAGE))
                .then(organizations.names(List.of(id)))
                .map(names -> names.getOrDefault(id, "#" + id))
                .flatMap(name -> accounts.issue(email, displayName, null, id, name, role, admin.id(), locale))
                .flatMap(issued -> audit.record(admin.id(), issued == OrganizationStaff.Issued.INVITED ? "staff.invite" : "staff.add",
                                "email:" + email.strip().toLowerCase(Locale.ROOT), id, Map.of("role", role.name()))
                        .thenReturn(new Added(email.strip(), role.name(), id, "invited")));
    }

    /** The roles offered in the subtree that their accounts' owners have yet to accept. */
    public Mono<List<Pending>> invitations(CurrentUser admin, long id) {
        return scope.check(admin, id, Need.MANAGE).flatMap(this::invitations);
    }

    /** The same for a scope checked already; its user must manage it. */
    Mono<List<Pending>> invitations(CabinetAccess.Scope checked) {
        return manages(checked).then(subtree(checked.organizationId())).flatMap(invitations::pending);
    }

    /** Withdraws an offer made in the subtree (404 when there is none open). */
    public Mono<Void> withdrawInvitation(CurrentUser admin, long id, long invitationId) {
        return scope.check(admin, id, Need.MANAGE).then(subtree(id))
                .flatMap(units -> invitations.withdraw(invitationId, units))
                .flatMap(offer -> audit.record(admin.id(), "staff.invitation.withdraw",
                        "email:" + offer.email().toLowerCase(Locale.ROOT), offer.organizationId(),
                        Map.of("role", offer.role().name())));
    }

    /** Takes the role away (409 for one's own: a colleague or a portal admin does that; 404 when there is none). */
    public Mono<Void> remove(CurrentUser admin, long id, long userId, Role role) {
        if (userId == admin.id()) {
            return Mono.error(new ApiException(HttpStatus.CONFLICT, "own-role"));
        }
        return scope.check(admin, id, Need.MANAGE)
                .then(accounts.revoke(userId, role, id))
                .flatMap(removed -> removed
                        ? audit.record(admin.id(), "staff.remove", "user:" + userId, id, Map.of("role", role.name()))
                        : Mono.error(ApiException.notFound("staff-not-found", userId)));
    }

    /** The certificates the subtree's staff linked to their accounts. */
    public Mono<List<Registered>> certificates(CurrentUser admin, long id) {
        return scope.check(admin, id, Need.MANAGE).flatMap(this::certificates);
    }

    /** The same for a scope checked already; its user must manage it. */
    Mono<List<Registered>> certificates(CabinetAccess.Scope checked) {
        return manages(checked).then(staffIds(checked.organizationId())).flatMap(certificates::ofUsers);
    }

    private static Mono<Void> manages(CabinetAccess.Scope checked) {
        return checked.manages() ? Mono.empty() : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "outside-scope"));
    }

    /** Unlinks a certificate of the subtree's staff (404 when none of them holds it). */
    public Mono<Void> removeCertificate(CurrentUser admin, long id, String fingerprint) {
        return scope.check(admin, id, Need.MANAGE).then(staffIds(id))
                .flatMap(staff -> certificates.remove(fingerprint.toLowerCase(Locale.ROOT), staff))
                .flatMap(removed -> removed
                        ? audit.record(admin.id(), "certificate.remove", "certificate:" + fingerprint, id, Map.of())
                        : Mono.error(ApiException.notFound("certificate-not-found", fingerprint)));
    }

    private static Mono<Void> checkRole(Role role) {
        return role == Role.ORG_ADMIN || role == Role.ORG_RESPONDER ? Mono.empty()
                : Mono.error(ApiException.invalid("role", "validation.role"));
    }

    private Mono<List<StaffMember>> staff(long id) {
        return subtree(id).flatMap(accounts::of);
    }

    private Mono<List<Long>> subtree(long id) {
        return organizations.subtree(id, 100_000);
    }

    private Mono<List<Long>> staffIds(long id) {
        return staff(id).map(staff -> staff.stream().map(StaffMember::userId).distinct().toList());
    }
}

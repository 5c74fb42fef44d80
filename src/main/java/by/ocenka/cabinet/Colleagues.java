package by.ocenka.cabinet;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.account.AccountCertificates;
import by.ocenka.account.AccountCertificates.Registered;
import by.ocenka.account.AccountRequests.StaffMember;
import by.ocenka.account.AccountService;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetAccess.Need;
import by.ocenka.cabinet.certificate.CertificateLogin;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * An organisation admin's colleagues over the subtree, for the API and the pages alike: who holds an organisation
 * role, adding one by e-mail (a new account is mailed a link to set its password), taking a role away, and the
 * digital-signature certificates they log in with. Every change is checked against the admin's scope and audited.
 */
@Service
public class Colleagues {

    private final CabinetAccess scope;
    private final Organizations organizations;
    private final AccountService accounts;
    private final AccountCertificates certificates;
    private final CertificateLogin certificateLogin;
    private final CertificateLoginProperties certificateProperties;
    private final AuditLog audit;

    Colleagues(CabinetAccess scope, Organizations organizations, AccountService accounts,
               AccountCertificates certificates, CertificateLogin certificateLogin,
               CertificateLoginProperties certificateProperties, AuditLog audit) {
        this.scope = scope;
        this.organizations = organizations;
        this.accounts = accounts;
        this.certificates = certificates;
        this.certificateLogin = certificateLogin;
        this.certificateProperties = certificateProperties;
        this.audit = audit;
    }

    /** The organisation roles held anywhere in the subtree. */
    public Mono<List<StaffMember>> of(CurrentUser admin, long id) {
        return scope.check(admin, id, Need.MANAGE).then(staff(id));
    }

    /** Gives the colleague (an existing account or a new one, mailed) the role for this organisation. */
    public Mono<StaffMember> add(CurrentUser admin, long id, String email, String displayName, Role role, Locale locale) {
        return checkRole(role).then(scope.check(admin, id, Need.MANAGE))
                .then(Mono.defer(() -> accounts.issueOrganizationStaff(email, displayName, id, role, locale)))
                .flatMap(colleague -> audit.record(admin.id(), "staff.add", "user:" + colleague.id(), id,
                                Map.of("role", role.name()))
                        .thenReturn(new StaffMember(colleague.id(), colleague.email(), colleague.displayName(),
                                role.name(), id)));
    }

    /** Takes the role away (409 for one's own: a colleague or a portal admin does that; 404 when there is none). */
    public Mono<Void> remove(CurrentUser admin, long id, long userId, Role role) {
        if (userId == admin.id()) {
            return Mono.error(new ApiException(HttpStatus.CONFLICT, "own-role"));
        }
        return scope.check(admin, id, Need.MANAGE)
                .then(accounts.revokeOrganizationRole(userId, role, id))
                .flatMap(removed -> removed
                        ? audit.record(admin.id(), "staff.remove", "user:" + userId, id, Map.of("role", role.name()))
                        : Mono.error(ApiException.notFound("staff-not-found", userId)));
    }

    /** The certificates registered to the subtree's staff. */
    public Mono<List<Registered>> certificates(CurrentUser admin, long id) {
        return scope.check(admin, id, Need.MANAGE).then(staffIds(id)).flatMap(certificates::ofUsers);
    }

    /**
     * Adds the colleague as {@link #add} does and registers the certificate (PEM) they will log in with; 404 when
     * certificate login is off, 400 for a certificate that is not one or that no trusted authority issued.
     */
    public Mono<Registered> addWithCertificate(CurrentUser admin, long id, String email, String displayName, Role role,
                                               String certificatePem, Locale locale) {
        if (!certificateProperties.enabled()) {
            return Mono.error(ApiException.notFound("certificate-login-off"));
        }
        return checkRole(role).then(scope.check(admin, id, Need.MANAGE))
                .then(Mono.fromCallable(() -> certificateLogin.registrable(certificatePem)))
                // Held by someone else: refused before the colleague gets any role.
                .flatMap(certificate -> certificates.holder(certificate.fingerprint())
                        .filter(holder -> !holder.email().equalsIgnoreCase(email.strip()))
                        .flatMap(holder -> Mono.<AccountCertificates.Certificate>error(
                                new ApiException(HttpStatus.CONFLICT, "certificate-taken")))
                        .defaultIfEmpty(certificate))
                .flatMap(certificate -> add(admin, id, email, displayName, role, locale)
                        .flatMap(colleague -> certificates.register(colleague.userId(), certificate)
                                .then(audit.record(admin.id(), "certificate.add", "user:" + colleague.userId(), id,
                                        Map.of("fingerprint", certificate.fingerprint())))
                                .thenReturn(new Registered(certificate.fingerprint(), certificate.subject(),
                                        certificate.notAfter(), colleague.userId(), colleague.email(),
                                        colleague.displayName(), Instant.now()))));
    }

    /** Unregisters a certificate of the subtree's staff (404 when none of them holds it). */
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
        return organizations.subtree(id, 100_000).flatMap(accounts::organizationStaff);
    }

    private Mono<List<Long>> staffIds(long id) {
        return staff(id).map(staff -> staff.stream().map(StaffMember::userId).distinct().toList());
    }
}

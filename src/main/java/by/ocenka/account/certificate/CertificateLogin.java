package by.ocenka.account.certificate;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import by.ocenka.account.AccountCertificates;
import by.ocenka.account.CertificateLoginProperties;
import by.ocenka.account.CurrentUser;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Who a client certificate is: one that chains up to a trusted authority logs in as the account it is linked to;
 * one linked to nobody that names an organisation's UNP gets an account of its own with the configured role there
 * (on its first login, and only then: an admin who later takes the role away is not overruled by the next login).
 * A certificate is linked to an account only by its holder: signed in, over a connection that presents it. Moderators
 * and the portal's admins never log in with a certificate.
 */
@Service
class CertificateLogin {

    private final CertificateLoginProperties properties;
    private final ClientCertificates certificates;
    private final CertificateTrust trust;
    private final AccountCertificates accounts;
    private final Organizations organizations;
    private final AuditLog audit;

    CertificateLogin(CertificateLoginProperties properties, ClientCertificates certificates, CertificateTrust trust,
                     AccountCertificates accounts, Organizations organizations, AuditLog audit) {
        this.properties = properties;
        this.certificates = certificates;
        this.trust = trust;
        this.accounts = accounts;
        this.organizations = organizations;
        this.audit = audit;
    }

    /** The account of the request's client certificate; 404 when certificate login is off, 401 when it fails. */
    Mono<CurrentUser> authenticate(ServerHttpRequest request) {
        if (!properties.enabled()) {
            return Mono.error(ApiException.notFound("certificate-login-off"));
        }
        List<X509Certificate> chain = certificates.of(request);
        if (chain.isEmpty()) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "certificate-required"));
        }
        if (!trust.trusts(chain)) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "certificate-untrusted"));
        }
        CertificateSubject subject = CertificateSubject.of(chain.get(0), properties.unpOid());
        String fingerprint = subject.certificate().fingerprint();
        return accounts.holder(fingerprint)
                .switchIfEmpty(Mono.defer(() -> subject.unp() == null ? Mono.empty()
                        : organizations.idByUnp(subject.unp()).flatMap(organization -> accounts.enrol(
                                subject.certificate(), subject.email(), subject.commonName(), properties.unpRole(),
                                organization))))
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.UNAUTHORIZED, "certificate-unknown")))
                .flatMap(user -> user.moderates() ? Mono.error(new ApiException(HttpStatus.FORBIDDEN, "certificate-not-for-portal-staff"))
                        : Mono.just(user))
                .flatMap(user -> audit.record(user.id(), "certificate.login", "certificate:" + fingerprint, null,
                        Map.of("subject", subject.certificate().subject())).thenReturn(user));
    }

    /**
     * Links the certificate this connection presents to the signed-in account: its holder proves it holds the key by
     * the TLS handshake. 404 when certificate login is off; 403 for moderators and admins; 400 without a certificate or
     * with one no trusted authority issued for signing in; 409 when another account holds it.
     */
    Mono<AccountCertificates.Certificate> link(CurrentUser user, ServerHttpRequest request) {
        if (!properties.enabled()) {
            return Mono.error(ApiException.notFound("certificate-login-off"));
        }
        if (user.moderates()) {
            return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "certificate-not-for-portal-staff"));
        }
        List<X509Certificate> chain = certificates.of(request);
        if (chain.isEmpty()) {
            return Mono.error(ApiException.invalid("certificate", "validation.certificate"));
        }
        if (!trust.trusts(chain)) {
            return Mono.error(ApiException.invalid("certificate", "validation.certificate.untrusted"));
        }
        AccountCertificates.Certificate certificate = CertificateSubject.of(chain.get(0), properties.unpOid()).certificate();
        return accounts.register(user.id(), certificate)
                .then(audit.record(user.id(), "certificate.link", "certificate:" + certificate.fingerprint(), null,
                        Map.of("subject", certificate.subject())))
                .thenReturn(certificate);
    }
}

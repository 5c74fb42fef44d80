package by.ocenka.cabinet.certificate;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import by.ocenka.account.AccountCertificates;
import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.CertificateLoginProperties;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Who a client certificate is: one that chains up to a trusted authority logs in as the account it is registered to;
 * one registered to nobody that names an organisation's UNP gets an account of its own with the configured role there
 * (on its first login, and only then: an admin who later takes the role away is not overruled by the next login).
 */
@Service
public class CertificateLogin {

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
                .flatMap(user -> audit.record(user.id(), "certificate.login", "certificate:" + fingerprint, null,
                        Map.of("subject", subject.certificate().subject())).thenReturn(user));
    }

    /** A certificate an admin registers: parsed and checked as a login would check it; 400 otherwise. */
    public AccountCertificates.Certificate registrable(String pem) {
        List<X509Certificate> chain = pem == null ? List.of() : ClientCertificates.parse(pem);
        if (chain.isEmpty()) {
            throw ApiException.invalid("certificate", "validation.certificate");
        }
        if (!trust.trusts(chain)) {
            throw ApiException.invalid("certificate", "validation.certificate.untrusted");
        }
        return CertificateSubject.of(chain.get(0), properties.unpOid()).certificate();
    }
}

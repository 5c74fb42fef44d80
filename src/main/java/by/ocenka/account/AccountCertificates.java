package by.ocenka.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import by.ocenka.account.internal.AccountRepository;
import by.ocenka.account.internal.CertificateRepository;
import by.ocenka.platform.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Digital-signature certificates as a way into an account: a certificate registered to an account logs in as that
 * account (with its organisation roles). Whether a certificate is genuine is the caller's business (the cabinet's
 * certificate login checks it against the trust anchors); this class only keeps who it belongs to.
 */
@Service
public class AccountCertificates {

    /** What identifies a certificate: the SHA-256 of its DER encoding (lower-case hex), its subject, its expiry. */
    public record Certificate(String fingerprint, String subject, Instant notAfter) {
    }

    /** A registered certificate and its holder. */
    public record Registered(String fingerprint, String subject, Instant notAfter, long userId, String email,
                             String displayName, Instant registeredAt) {
    }

    private final CertificateRepository certificates;
    private final AccountRepository accounts;
    private final AccountService accountService;
    private final TransactionalOperator transaction;

    AccountCertificates(CertificateRepository certificates, AccountRepository accounts, AccountService accountService,
                        TransactionalOperator transaction) {
        this.certificates = certificates;
        this.accounts = accounts;
        this.accountService = accountService;
        this.transaction = transaction;
    }

    /** The account the certificate is registered to; empty when none. */
    public Mono<CurrentUser> holder(String fingerprint) {
        return certificates.holder(fingerprint).flatMap(accountService::user);
    }

    /** Registers the certificate to the account; 409 {@code certificate-taken} when another account holds it. */
    public Mono<Void> register(long userId, Certificate certificate) {
        return certificates.register(userId, certificate.fingerprint(), certificate.subject(), certificate.notAfter())
                .flatMap(holder -> holder == userId ? Mono.<Void>empty()
                        : Mono.error(new ApiException(HttpStatus.CONFLICT, "certificate-taken")));
    }

    /**
     * A new account for a certificate that names an organisation (its UNP) and is registered to nobody yet: confirmed,
     * without a password, holding the role for that organisation, the certificate registered to it. It never joins an
     * existing account by address (the certificate's address proves nothing about who holds that account): when the
     * address is taken or absent the account gets a placeholder one.
     */
    public Mono<CurrentUser> enrol(Certificate certificate, String email, String displayName, Role role,
                                   long organizationId) {
        String placeholder = "certificate-" + certificate.fingerprint().substring(0, 16) + "@certificate.invalid";
        String name = displayName.length() > 80 ? displayName.substring(0, 80) : displayName;
        Mono<Long> withAddress = email == null ? Mono.empty() : accounts.insert(email, null, name, false);
        return withAddress.switchIfEmpty(Mono.defer(() -> accounts.insert(placeholder, null, name, true)))
                .flatMap(id -> accounts.grant(id, role, organizationId)
                        .then(certificates.register(id, certificate.fingerprint(), certificate.subject(),
                                certificate.notAfter())))
                .as(transaction::transactional)
                .flatMap(accountService::user);
    }

    /** The certificates registered to these accounts. */
    public Mono<List<Registered>> ofUsers(Collection<Long> userIds) {
        return userIds.isEmpty() ? Mono.just(List.of()) : certificates.ofUsers(userIds).collectList();
    }

    /** Unregisters the certificate when it belongs to one of these accounts; answers whether it did. */
    public Mono<Boolean> remove(String fingerprint, Collection<Long> userIds) {
        return userIds.isEmpty() ? Mono.just(false) : certificates.remove(fingerprint, userIds);
    }
}

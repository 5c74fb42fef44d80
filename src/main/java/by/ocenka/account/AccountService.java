package by.ocenka.account;

import java.util.Locale;

import by.ocenka.platform.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Accounts: what other features use to know who someone is, and what the auth endpoints do. */
@Service
public class AccountService {

    private final AccountRepository repository;
    private final Passwords passwords;
    private final TransactionalOperator transaction;

    AccountService(AccountRepository repository, Passwords passwords, TransactionalOperator transaction) {
        this.repository = repository;
        this.passwords = passwords;
        this.transaction = transaction;
    }

    /** A new citizen; 400 for a weak password, 409 when the address already has an account. */
    public Mono<CurrentUser> register(String email, String password, String displayName) {
        String weakness = passwords.weakness(password);
        if (weakness != null) {
            return Mono.error(ApiException.invalid("password", weakness, Passwords.MIN_LENGTH));
        }
        return create(email, password, displayName, false, Role.CITIZEN, null)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.CONFLICT, "email-taken")));
    }

    /**
     * An account with one role, or empty when the e-mail is taken. For admins issuing accounts and for the
     * bootstrap admin; the password is not checked against the rules here.
     */
    public Mono<CurrentUser> create(String email, String password, String displayName, boolean confirmed, Role role,
                                    Long organizationId) {
        String normalized = email.strip();
        return passwords.hash(password)
                .flatMap(hash -> repository.insert(normalized, hash, displayName.strip(), confirmed)
                        .flatMap(id -> repository.grant(id, role, organizationId).then(repository.byId(id)))
                        .as(transaction::transactional))
                .flatMap(repository::withRoles);
    }

    /** The account for these credentials; 401 {@code bad-credentials} alike for a wrong password or an unknown e-mail. */
    public Mono<CurrentUser> authenticate(String email, String password) {
        return repository.byEmail(email.strip().toLowerCase(Locale.ROOT))
                .map(user -> new Object[]{user})
                .defaultIfEmpty(new Object[]{null})
                .flatMap(found -> {
                    AccountRepository.StoredUser user = (AccountRepository.StoredUser) found[0];
                    return passwords.matches(password, user == null ? null : user.passwordHash())
                            .flatMap(ok -> ok ? repository.withRoles(user)
                                    : Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "bad-credentials")));
                });
    }

    public Mono<CurrentUser> user(long id) {
        return repository.byId(id).flatMap(repository::withRoles);
    }

    public Mono<Boolean> anyWithRole(Role role) {
        return repository.anyWithRole(role);
    }
}

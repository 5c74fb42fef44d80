package by.ocenka.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import by.ocenka.account.internal.AccountRepository;
import by.ocenka.account.internal.AccountTokens;
import by.ocenka.account.internal.KnownDevices;
import by.ocenka.account.internal.Passwords;
import by.ocenka.account.social.SocialProfile;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.MailOutbox;
import by.ocenka.platform.PublicUrls;
import by.ocenka.platform.UserSessions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Accounts: what other features use to know who someone is, and what the auth endpoints do. A rename or a deletion
 * is announced as an {@link AccountEvents} event (the rating feature signs reviews with the name).
 */
@Service
public class AccountService {

    static final Duration CONFIRMATION_VALIDITY = Duration.ofDays(3);
    static final Duration RESET_VALIDITY = Duration.ofHours(1);

    private final AccountRepository repository;
    private final Passwords passwords;
    private final TransactionalOperator transaction;
    private final AccountTokens tokens;
    private final MailOutbox mail;
    private final PublicUrls urls;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final UserSessions sessions;
    private final KnownDevices devices;

    AccountService(AccountRepository repository, Passwords passwords, TransactionalOperator transaction,
                   AccountTokens tokens, MailOutbox mail, PublicUrls urls, MessageSource messages,
                   ApplicationEventPublisher events, UserSessions sessions, KnownDevices devices) {
        this.devices = devices;
        this.sessions = sessions;
        this.repository = repository;
        this.passwords = passwords;
        this.transaction = transaction;
        this.tokens = tokens;
        this.mail = mail;
        this.urls = urls;
        this.messages = messages;
        this.events = events;
    }

    /**
     * A new citizen, with a confirmation link mailed (queued in the same transaction); 400 for a weak password. When
     * the address already has an account nothing is created and its owner is mailed that someone tried (the answer is
     * empty then: the API says the same in both cases, so that nobody learns which addresses have accounts).
     */
    public Mono<CurrentUser> register(String email, String password, String displayName, Locale locale) {
        return register(email, password, displayName, null, null, locale);
    }

    /**
     * The same, the confirmation link leading on to {@code next} (a local path: the rating form the citizen came from),
     * and kept with the digest of the registering browser's mark ({@link RegisteringBrowsers}), or null.
     */
    public Mono<CurrentUser> register(String email, String password, String displayName, String next, String browserHash,
                                      Locale locale) {
        String weakness = passwords.weakness(password);
        if (weakness != null) {
            return Mono.error(ApiException.invalid("password", weakness, Passwords.MIN_LENGTH));
        }
        String address = email.strip();
        return passwords.hash(password)
                .flatMap(hash -> repository.insert(address, hash, displayName.strip(), false)
                        .flatMap(id -> repository.grant(id, Role.CITIZEN, null)
                                .then(tokens.issue(id, AccountTokens.Purpose.CONFIRM, CONFIRMATION_VALIDITY, browserHash))
                                .flatMap(token -> mail.queue(address, text("mail.confirm.subject", locale),
                                        text("mail.confirm.body", locale, displayName.strip(), confirmLink(token, next))))
                                .then(repository.byId(id)))
                        .switchIfEmpty(Mono.defer(() -> mail.queue(address, text("mail.known.subject", locale),
                                        text("mail.known.body", locale, urls.url("/login"), urls.url("/password-reset"))))
                                .then(Mono.empty()))
                        .as(transaction::transactional))
                .flatMap(repository::withRoles);
    }

    /** What a confirmation link confirms, before it is used: the address, and how its opener may show they registered. */
    public record Confirmation(String email, boolean registeringBrowser, boolean hasPassword) {
    }

    /**
     * How a confirmation ended: whether its opener showed they registered (then they are signed in), and otherwise
     * whether a password chosen at registration was cleared.
     */
    public record Confirmed(CurrentUser user, boolean registrant, boolean passwordCleared) {
    }

    /** The confirmation link's address, the link left unused; empty when unknown, used or expired. */
    public Mono<Confirmation> confirmation(String token, String browserHash, Long signedInAs) {
        return tokens.pending(token, AccountTokens.Purpose.CONFIRM)
                .flatMap(pending -> repository.byId(pending.userId()).map(user -> new Confirmation(user.email(),
                        sameBrowser(pending, browserHash) || signedInAs != null && signedInAs == user.id(),
                        user.passwordHash() != null)));
    }

    /**
     * Confirms the address the token was mailed to; 400 {@code bad-token} when unknown, used or expired. Whoever reads
     * the mail owns the address, but may not be whoever registered it and chose its password: only the registering
     * browser ({@code browserHash}), a session already signed in as the account ({@code signedInAs}), or the right
     * {@code password} (400 on {@code password} when wrong, the link kept) shows that, and keeps the password and this
     * session. Otherwise the address is confirmed with the password
     * cleared, and whoever opened the link signs in by a mailed code. Either way the account is taken over
     * ({@link #tookOver}).
     */
    public Mono<Confirmed> confirm(String token, String browserHash, String password, Long signedInAs, String keepSession,
                                   LoginSessions.PendingIdentity signedInWith) {
        return tokens.pending(token, AccountTokens.Purpose.CONFIRM)
                .switchIfEmpty(Mono.error(() -> ApiException.invalid("token", "validation.token")))
                .flatMap(pending -> repository.byId(pending.userId())
                        .switchIfEmpty(Mono.error(() -> ApiException.invalid("token", "validation.token")))
                        // A session signed in as the account (its password, or the social login that made it) that
                        // also holds the mailed token is its registrant.
                        .flatMap(user -> (signedInAs != null && signedInAs == user.id() ? Mono.just(true)
                                : registrant(pending, user, browserHash, password))
                                .map(registrant -> new Confirmed(null, registrant, !registrant && user.passwordHash() != null))))
                .flatMap(outcome -> tokens.use(token, AccountTokens.Purpose.CONFIRM)
                        .switchIfEmpty(Mono.error(() -> ApiException.invalid("token", "validation.token")))
                        .flatMap(userId -> repository.confirmEmail(userId)
                                .then(outcome.registrant() ? Mono.<Void>empty() : repository.takeOver(userId))
                                // The identity this very browser signed in with, the mail now confirmed: it proved the address.
                                .then(signedInWith == null ? Mono.empty()
                                        : repository.verifyIdentity(signedInWith.provider(), signedInWith.subject(), userId))
                                .thenReturn(userId))
                        .as(transaction::transactional)
                        .flatMap(userId -> tookOver(userId, outcome.registrant() ? keepSession : null).then(user(userId)))
                        .map(user -> new Confirmed(user, outcome.registrant(), outcome.passwordCleared())));
    }

    private Mono<Boolean> registrant(AccountTokens.Pending pending, AccountRepository.StoredUser user, String browserHash,
                                     String password) {
        if (sameBrowser(pending, browserHash)) {
            return Mono.just(true);
        }
        if (password == null || user.passwordHash() == null) {
            return Mono.just(false);
        }
        return passwords.matches(password, user.passwordHash())
                .flatMap(right -> right ? Mono.just(true) : Mono.error(ApiException.invalid("password", "validation.password.wrong")));
    }

    private static boolean sameBrowser(AccountTokens.Pending pending, String browserHash) {
        return pending.browserHash() != null && browserHash != null
                && MessageDigest.isEqual(pending.browserHash().getBytes(StandardCharsets.US_ASCII),
                browserHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The confirmation link, leading on to {@code next} when it is a path of this site. */
    private String confirmLink(String token, String next) {
        return UriComponentsBuilder.fromUriString(urls.url("/confirm"))
                .queryParam("token", token)
                .queryParamIfPresent("next", Optional.ofNullable(LoginSessions.localPath(next)))
                .encode().build().toUriString();
    }

    /**
     * The owner of the account's address has just proved it (a mailed code or link, a confirmation, a password reset,
     * a social login that vouches for it): whoever else was in must leave nothing behind. Every other session ends and
     * every social identity that did not prove the address is unlinked.
     */
    public Mono<Void> tookOver(long userId, String keepSession) {
        return repository.unlinkUnverified(userId).then(sessions.endAll(userId, keepSession)).then(forgetDevices(userId));
    }

    /** No browser stays known to the account's login limits (a squatter's included). */
    private Mono<Void> forgetDevices(long userId) {
        return repository.byId(userId).flatMap(user -> devices.forget(user.email()));
    }

    /** Mails a reset link valid one hour when the account exists; says nothing either way. */
    public Mono<Void> requestPasswordReset(String email, Locale locale) {
        return repository.byEmail(email.strip())
                .flatMap(user -> tokens.issue(user.id(), AccountTokens.Purpose.RESET, RESET_VALIDITY)
                        .flatMap(token -> mail.queue(user.email(), text("mail.reset.subject", locale),
                                text("mail.reset.body", locale, user.displayName(),
                                        urls.url("/password-reset?token=" + token))))
                        .as(transaction::transactional))
                .then();
    }

    /**
     * Sets a new password with a reset token (once) and answers the account, for the caller to sign in (a stranger
     * spending the login limits cannot keep the owner out); 400 for a weak password or a bad, used or expired token.
     */
    public Mono<CurrentUser> resetPassword(String token, String newPassword) {
        String weakness = passwords.weakness(newPassword);
        if (weakness != null) {
            return Mono.error(ApiException.invalid("newPassword", weakness, Passwords.MIN_LENGTH));
        }
        return passwords.hash(newPassword)
                .flatMap(hash -> tokens.use(token, AccountTokens.Purpose.RESET)
                        .switchIfEmpty(Mono.error(() -> ApiException.invalid("token", "validation.token")))
                        // Whoever can read the mail owns the address.
                        .flatMap(userId -> repository.setPassword(userId, hash).then(repository.confirmEmail(userId))
                                .thenReturn(userId))
                        .as(transaction::transactional))
                // Whoever was logged in with the old password, or through an identity that never proved the address,
                // is no longer.
                .flatMap(userId -> tookOver(userId, null).then(user(userId)));
    }

    public Mono<CurrentUser> rename(long userId, String displayName) {
        return settings(userId, displayName, null);
    }

    /**
     * The name shown and whether the user's reviews are published without it ({@code anonymousReviews} null: as
     * before); the existing reviews are re-signed to match.
     */
    public Mono<CurrentUser> settings(long userId, String displayName, Boolean anonymousReviews) {
        return repository.rename(userId, displayName.strip())
                .then(anonymousReviews == null ? Mono.empty() : repository.anonymousReviews(userId, anonymousReviews))
                .then(user(userId)).doOnNext(this::signatureChanged);
    }

    /** Whether the user wants a mail when an organisation answers their questionnaire (on unless turned off). */
    public Mono<Boolean> mailOnReply(long userId) {
        return repository.mailOnReply(userId);
    }

    /** Turns the mail on an organisation's reply on or off. */
    public Mono<Void> mailOnReply(long userId, boolean on) {
        return repository.mailOnReply(userId, on);
    }

    /** The user as the API answers it, with the mail settings read afresh. */
    public Mono<UserView> view(CurrentUser user) {
        return repository.mailOnReply(user.id()).map(mail -> UserView.of(user, mail));
    }

    private void signatureChanged(CurrentUser user) {
        events.publishEvent(new AccountEvents.Renamed(user.id(), user.signature()));
    }

    /**
     * 400 naming {@code currentPassword} when it is wrong, {@code newPassword} when the new one is weak. The user's
     * other sessions end; {@code keepSession} (the one that changed it) stays.
     */
    /** Whether the account has a password (one made by a mailed code or a social login has none until it sets one). */
    public Mono<Boolean> hasPassword(long userId) {
        return repository.byId(userId).map(user -> user.passwordHash() != null);
    }

    /**
     * Sets the first password of an account that has none (signed in by a mailed code or a social login: the session
     * proves the mailbox, as a reset link would). An account with a password changes it with the current one: 409.
     */
    public Mono<Void> setFirstPassword(long userId, String newPassword, String keepSession) {
        String weakness = passwords.weakness(newPassword);
        if (weakness != null) {
            return Mono.error(ApiException.invalid("newPassword", weakness, Passwords.MIN_LENGTH));
        }
        return repository.byId(userId)
                .flatMap(user -> user.passwordHash() == null ? passwords.hash(newPassword)
                        .flatMap(hash -> repository.setPassword(userId, hash))
                        : Mono.error(new ApiException(HttpStatus.CONFLICT, "password-exists")))
                .then(sessions.endAll(userId, keepSession));
    }

    public Mono<Void> changePassword(long userId, String currentPassword, String newPassword, String keepSession) {
        String weakness = passwords.weakness(newPassword);
        if (weakness != null) {
            return Mono.error(ApiException.invalid("newPassword", weakness, Passwords.MIN_LENGTH));
        }
        return repository.byId(userId)
                .flatMap(user -> passwords.matches(currentPassword, user.passwordHash()))
                .flatMap(ok -> ok ? passwords.hash(newPassword).flatMap(hash -> repository.setPassword(userId, hash))
                        : Mono.error(ApiException.invalid("currentPassword", "validation.password.wrong")))
                .then(sessions.endAll(userId, keepSession))
                .then(forgetDevices(userId));
    }

    /**
     * Deletes the account: the address, name, password, roles and social logins go; the row stays, anonymised,
     * so that the citizen's questionnaires keep counting without saying whose they were.
     */
    public Mono<Void> delete(long userId, String keepSession) {
        return repository.anonymise(userId).as(transaction::transactional)
                // The other sessions end here; the caller logs the one that asked out itself.
                .then(sessions.endAll(userId, keepSession))
                .then(Mono.fromRunnable(() -> events.publishEvent(new AccountEvents.Deleted(userId))));
    }

    /**
     * The account a social login logs into: the one already linked to this identity; else the citizen account with
     * the same address when the provider vouches for it (linked, and if that account had not confirmed its address,
     * confirmed with its password cleared: a stranger may have registered the address first); else a new citizen
     * (unconfirmed, and mailed a confirmation link, unless the provider vouches for the address). Never into a
     * staff, moderator or admin account without its password, and never into an address the provider does not vouch
     * for: 409 {@code social-email-taken} then (log in with the password first).
     */
    public Mono<CurrentUser> socialLogin(SocialProfile profile, Locale locale) {
        String email = profile.email() == null || profile.email().isBlank() ? null : profile.email().strip();
        boolean trusted = email != null && profile.emailVerified();
        String name = profile.displayName() == null || profile.displayName().isBlank()
                ? (email != null ? email.substring(0, email.indexOf('@')) : profile.provider()) : profile.displayName().strip();
        Mono<Long> linked = repository.identity(profile.provider(), profile.subject());
        Mono<Long> byEmail = !trusted ? Mono.empty() : repository.byEmail(email)
                .flatMap(user -> repository.withRoles(user).flatMap(current -> !current.roles().equals(Set.of(Role.CITIZEN))
                        ? Mono.<Long>error(new ApiException(HttpStatus.CONFLICT, "social-email-taken"))
                        : (user.emailConfirmed() ? Mono.<Void>empty()
                                : repository.takeOver(user.id()).then(tookOver(user.id(), null)))
                                .then(repository.link(profile.provider(), profile.subject(), user.id(), email, true))
                                .thenReturn(user.id())));
        Mono<Long> created = Mono.defer(() -> repository.insert(
                        email != null ? email : profile.provider() + "-" + profile.subject() + "@social.invalid",
                        null, name.length() > 80 ? name.substring(0, 80) : name, trusted)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.CONFLICT, "social-email-taken")))
                .flatMap(id -> repository.grant(id, Role.CITIZEN, null)
                        .then(repository.link(profile.provider(), profile.subject(), id, email, trusted))
                        .then(trusted || email == null ? Mono.<Void>empty()
                                : tokens.issue(id, AccountTokens.Purpose.CONFIRM, CONFIRMATION_VALIDITY)
                                .flatMap(token -> mail.queue(email, text("mail.confirm.subject", locale),
                                        text("mail.confirm.body", locale, name, urls.url("/confirm?token=" + token)))))
                        .thenReturn(id)));
        return linked.switchIfEmpty(byEmail).switchIfEmpty(created)
                .as(transaction::transactional)
                .flatMap(this::user);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
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
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                // An unknown address is checked against a decoy hash: both failures take the same time.
                .flatMap(user -> passwords.matches(password, user.map(AccountRepository.StoredUser::passwordHash).orElse(null))
                        .flatMap(ok -> ok ? repository.withRoles(user.get())
                                : Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "bad-credentials"))));
    }

    /** Whether an account has this address. */
    public Mono<Boolean> exists(String email) {
        return repository.byEmail(email.strip()).hasElement();
    }

    public Mono<CurrentUser> user(long id) {
        return repository.byId(id).flatMap(repository::withRoles);
    }

    public Mono<Boolean> anyWithRole(Role role) {
        return repository.anyWithRole(role);
    }

    /** The demo data set's citizens (local run mode): id and display name, by id. */
    public Mono<Map<Long, String>> demoCitizens() {
        return repository.demoCitizens();
    }
}

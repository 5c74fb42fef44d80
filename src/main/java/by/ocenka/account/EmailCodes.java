package by.ocenka.account;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import by.ocenka.account.internal.AccountProperties;
import by.ocenka.account.internal.AccountRepository;
import by.ocenka.account.internal.CanonicalEmail;
import by.ocenka.account.internal.EmailCodeRepository;
import by.ocenka.account.internal.EmailCodeThrottle;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Digests;
import by.ocenka.platform.MailOutbox;
import by.ocenka.platform.PublicUrls;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Signing in without a password: an eight-digit code and a link mailed to the address, valid a quarter of an hour.
 * The right code or the link proves the address: it logs in its citizen, confirms an address that was registered but
 * never confirmed (dropping a password whoever registered it chose), or creates a confirmed citizen whose reviews are
 * anonymous until they give a name. Staff, moderator and admin accounts never sign in this way (their owners are mailed
 * that they use their password or certificate).
 * <p>
 * Typed codes are throttled per client, per address and in total ({@code EmailCodeThrottle}), so that they cannot be
 * sprayed over many addresses; the link carries a 256-bit token of its own, which is not throttled, so that nobody's
 * failures can keep the owner out. The code is in the mail's body only (subjects are kept where bodies are cleared).
 */
@Service
public class EmailCodes {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern NOT_A_DIGIT = Pattern.compile("\\D");

    private final EmailCodeRepository codes;
    private final EmailCodeThrottle throttle;
    private final AccountRepository repository;
    private final AccountService accounts;
    private final AccountProperties.EmailCode settings;
    private final MailOutbox mail;
    private final PublicUrls urls;
    private final MessageSource messages;
    private final TransactionalOperator transaction;

    EmailCodes(EmailCodeRepository codes, EmailCodeThrottle throttle, AccountRepository repository,
               AccountService accounts, AccountProperties properties, MailOutbox mail, PublicUrls urls,
               MessageSource messages, TransactionalOperator transaction) {
        this.codes = codes;
        this.throttle = throttle;
        this.repository = repository;
        this.accounts = accounts;
        this.settings = properties.emailCode();
        this.mail = mail;
        this.urls = urls;
        this.messages = messages;
        this.transaction = transaction;
    }

    /** The address as codes are kept under: trimmed, lower case. */
    public static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** How long a mailed code (and its link) works. */
    public Duration codeValidity() {
        return settings.validity();
    }

    /**
     * Mails a code and a link, unless one went out moments ago or the address had its hourly share while a code still
     * works (then nothing is sent and the earlier codes hold). Says nothing about whether the address has an account.
     * Codes are kept under the address's canonical form ({@code a.b+x@gmail.com} is {@code ab@gmail.com}), so that its
     * other forms share them and their tries; an existing account's code goes to the account's own address. A staff
     * address gets, within the same limits, a mail saying how staff sign in instead of a code.
     *
     * @param next the page to open after signing in from the mailed link (a local path), or null
     */
    public Mono<Void> request(String email, String next, Locale locale) {
        String typed = normalize(email);
        String key = CanonicalEmail.of(typed);
        return repository.byEmail(typed).flatMap(repository::withRoles)
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(account -> sendCode(key, account.map(CurrentUser::email).orElse(typed),
                        account.isPresent() && !Set.of(Role.CITIZEN).equals(account.get().roles()), next, locale))
                .then(codes.deleteExpired().then());
    }

    private Mono<Void> sendCode(String key, String to, boolean staff, String next, Locale locale) {
        String code = String.format("%08d", RANDOM.nextInt(100_000_000));
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String link = UriComponentsBuilder.fromUriString(urls.url("/login/code"))
                .queryParam("email", to).queryParam("token", token)
                .queryParamIfPresent("next", Optional.ofNullable(LoginSessions.localPath(next)))
                .encode().build().toUriString();
        return codes.store(key, codeHash(key, code), Digests.sha256Hex(token), settings.validity(), settings.resendGap(),
                        settings.perHour())
                .flatMap(stored -> !stored ? Mono.<Void>empty()
                        : staff ? mail.queue(to, text("mail.code.staff.subject", locale), text("mail.code.staff.body", locale,
                                urls.url("/login")))
                        : mail.queue(to, text("mail.code.subject", locale),
                                text("mail.code.body", locale, code, settings.validity().toMinutes(), link)))
                .as(transaction::transactional);
    }

    /**
     * The citizen whose address the typed code was sent to, made if new; 400 {@code code} wrong or expired, 429
     * {@code email-code-tries} once the client, the address or the portal has had its share of wrong codes.
     *
     * @param client the client as per-client limits count it ({@code ClientAddress.client})
     */
    public Mono<CurrentUser> verify(String email, String code, String client) {
        return verify(email, code, null, client);
    }

    /**
     * As above, from a session already signed in as {@code signedInAs} (a citizen confirming their own address from
     * the rating form): their account is confirmed and keeps its password.
     */
    public Mono<CurrentUser> verify(String email, String code, Long signedInAs, String client) {
        String address = normalize(email);
        String digits = code == null ? "" : NOT_A_DIGIT.matcher(code).replaceAll("");
        if (digits.length() != 8) {
            return Mono.error(ApiException.invalid("code", "validation.email-code"));
        }
        String key = CanonicalEmail.of(address);
        return throttle.attempt(key, client)
                .then(codes.useCode(key, codeHash(key, digits)))
                .flatMap(right -> right ? throttle.succeeded(key, client).then(citizen(address, signedInAs))
                        : Mono.error(ApiException.invalid("code", "validation.email-code")));
    }

    /** The same through the mailed link's token: never throttled (it cannot be guessed), so it always lets the owner in. */
    public Mono<CurrentUser> verifyLink(String email, String token, Long signedInAs) {
        String address = normalize(email);
        return codes.useLink(CanonicalEmail.of(address), Digests.sha256Hex(token))
                .flatMap(right -> right ? citizen(address, signedInAs)
                        : Mono.error(ApiException.invalid("code", "validation.email-link")));
    }

    private static String codeHash(String key, String code) {
        return Digests.sha256Hex(key + ":" + code);
    }

    private Mono<CurrentUser> citizen(String address, Long signedInAs) {
        Mono<CurrentUser> existing = repository.byEmail(address).flatMap(user -> repository.withRoles(user)
                .flatMap(current -> !Set.of(Role.CITIZEN).equals(current.roles())
                        ? Mono.<CurrentUser>error(new ApiException(HttpStatus.FORBIDDEN, "email-code-staff"))
                        : current.emailConfirmed() ? Mono.just(current)
                        : Long.valueOf(user.id()).equals(signedInAs)
                        ? repository.confirmEmail(user.id()).then(accounts.user(user.id()))
                        // Whoever registered the address without confirming it loses the password they chose.
                        : repository.takeOver(user.id()).then(accounts.tookOver(user.id(), null))
                                .then(accounts.user(user.id()))));
        Mono<CurrentUser> created = Mono.defer(() -> repository.insert(address, null, nameOf(address), true)
                        .flatMap(id -> repository.grant(id, Role.CITIZEN, null)
                                // No name given: reviews are anonymous until the citizen chooses one.
                                .then(repository.anonymousReviews(id, true))
                                .thenReturn(id))
                        .as(transaction::transactional))
                .flatMap(accounts::user)
                // Two tabs at once: the other made the account; it is judged as any existing one.
                .switchIfEmpty(Mono.defer(() -> existing));
        return existing.switchIfEmpty(created);
    }

    /** The part before the @, as a first display name the citizen can change (never shown while anonymous). */
    private static String nameOf(String address) {
        String local = address.substring(0, Math.max(1, address.indexOf('@')));
        String name = local.length() > 40 ? local.substring(0, 40) : local;
        return name.length() < 2 ? name + "_" : name;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}

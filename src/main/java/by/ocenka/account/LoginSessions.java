package by.ocenka.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

import by.ocenka.account.internal.KnownDevices;
import by.ocenka.account.internal.LoginThrottle;
import by.ocenka.account.social.SocialProperties;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ClientAddress;
import by.ocenka.platform.Sessions;
import by.ocenka.platform.UserSessions;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Logging in and out, the same for the JSON API, the pages and social login: the throttle, a fresh session id (no
 * fixation) holding the {@link CurrentUser}, and where to send the user back to after a login that left the page.
 */
@Component
public class LoginSessions {

    private static final String RETURN_TO = "ocenka.return-to";
    private static final String PENDING_IDENTITY = "ocenka.pending-identity";

    /**
     * A social identity that signed this browser in without its provider vouching for the address: it is proven (and
     * kept when the owner of the address takes the account over) once the confirmation mail is opened in this browser.
     */
    public record PendingIdentity(String provider, String subject) {
    }
    private static final List<String> PROVIDERS = List.of("oidc", "google", "yandex", "vk");

    private final AccountService accounts;
    private final ServerSecurityContextRepository contexts;
    private final LoginThrottle throttle;
    private final SocialProperties social;
    private final UserSessions userSessions;
    private final KnownDevices devices;

    LoginSessions(AccountService accounts, ServerSecurityContextRepository contexts, LoginThrottle throttle,
                  SocialProperties social, UserSessions userSessions, KnownDevices devices) {
        this.userSessions = userSessions;
        this.devices = devices;
        this.accounts = accounts;
        this.contexts = contexts;
        this.throttle = throttle;
        this.social = social;
    }

    /** Checks the password (throttled per account and per address) and starts the session; 401 or 429 otherwise. */
    public Mono<CurrentUser> logIn(String email, String password, ServerWebExchange exchange) {
        String address = ClientAddress.client(exchange);
        return devices.known(exchange, email).flatMap(known -> throttle.attempt(email, address, known))
                .then(accounts.authenticate(email, password)
                        // Only a wrong password counts against the limits, not a database that could not answer.
                        .onErrorResume(e -> !(e instanceof ApiException api && api.status() == HttpStatus.UNAUTHORIZED),
                                e -> throttle.undecided(email, address).onErrorResume(ignored -> Mono.empty())
                                        .then(Mono.error(e))))
                .flatMap(user -> throttle.succeeded(email, address).then(start(exchange, user)).thenReturn(user));
    }

    /**
     * A fresh session id (no fixation), holding the authenticated user, and known as one of the user's sessions; the
     * browser is known to the account from now on ({@link KnownDevices}).
     */
    public Mono<Void> start(ServerWebExchange exchange, CurrentUser user) {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
        return exchange.getSession().flatMap(session -> session.changeSessionId()
                .then(contexts.save(exchange, new SecurityContextImpl(authentication)))
                .then(Mono.defer(() -> userSessions.started(user.id(), session.getId()))))
                .then(devices.remember(exchange, user.email()));
    }

    /**
     * The same session, under the same id, now holding this fresher copy of its user (after a rename): saving through
     * the context repository would change the session id, which an API client holding the cookie would not follow.
     */
    public Mono<Void> refresh(ServerWebExchange exchange, CurrentUser user) {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
        return exchange.getSession().doOnNext(session -> {
            session.getAttributes().put(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME,
                    new SecurityContextImpl(authentication));
            // After the session is saved (the session manager's own action comes first): every instance then reads it
            // afresh rather than what it remembered.
            exchange.getResponse().beforeCommit(() -> userSessions.changed(session.getId()));
        }).then();
    }

    public Mono<Void> logOut(ServerWebExchange exchange) {
        return contexts.save(exchange, null).then(exchange.getSession().flatMap(WebSession::invalidate));
    }

    /** Remembers, in this browser's session, the identity it signed in with that has yet to prove the address. */
    public Mono<Void> pendingIdentity(ServerWebExchange exchange, PendingIdentity identity) {
        return exchange.getSession().doOnNext(session -> session.getAttributes().put(PENDING_IDENTITY,
                identity.provider() + " " + identity.subject())).then();
    }

    /** The identity this browser signed in with that has yet to prove the address, if any. */
    public Mono<PendingIdentity> pendingIdentity(ServerWebExchange exchange) {
        return Sessions.existing(exchange)
                .flatMap(session -> Mono.justOrEmpty(session.<String>getAttribute(PENDING_IDENTITY)))
                .map(value -> new PendingIdentity(value.substring(0, value.indexOf(' ')), value.substring(value.indexOf(' ') + 1)));
    }

    /** Remembers the page to come back to after a login that goes through another site (social login). */
    public Mono<Void> returnTo(ServerWebExchange exchange, String path) {
        String safe = localPath(path);
        return safe == null ? Mono.empty()
                : exchange.getSession().doOnNext(session -> session.getAttributes().put(RETURN_TO, safe)).then();
    }

    /** The remembered page (forgotten once read), or the home page. */
    public Mono<URI> afterLogin(ServerWebExchange exchange) {
        return exchange.getSession()
                .map(session -> {
                    Object path = session.getAttributes().remove(RETURN_TO);
                    return URI.create(path instanceof String p ? p : "/");
                })
                .defaultIfEmpty(URI.create("/"));
    }

    /** The social login providers that are configured, in display order. */
    public List<String> socialProviders() {
        return PROVIDERS.stream().filter(name -> {
            SocialProperties.Provider p = social.providers().get(name);
            return p != null && p.clientId() != null && !p.clientId().isBlank();
        }).toList();
    }

    /**
     * A path on this site ({@code /o/1/rate}), never another site ({@code //evil}, {@code https://…}), and only one
     * written as a URI may be (so that a redirect to it cannot fail); else null.
     */
    public static String localPath(String path) {
        return checkedPath(path);
    }

    /**
     * Where a sign-in leads: the page it was on the way to, else the signed-in person's own desk (an organisation's
     * staff their cabinet, a moderator the moderation desk), else the home page.
     */
    public static String landing(CurrentUser user, String next) {
        String target = checkedPath(next);
        if (target != null) {
            return target;
        }
        if (!user.staffOf().isEmpty()) {
            return "/cabinet";
        }
        return user.moderates() ? "/moderation" : "/";
    }

    private static String checkedPath(String path) {
        if (path == null || path.length() > 500 || !SAFE_PATH.matcher(path).matches()) {
            return null;
        }
        try {
            URI uri = new URI(path);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? path : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static final Pattern SAFE_PATH =
            Pattern.compile("/(?![/\\\\])[A-Za-z0-9\\-._~!$&'()*+,;=:@/?#%]*");
}

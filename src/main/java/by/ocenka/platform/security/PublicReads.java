package by.ocenka.platform.security;

import java.util.List;

import by.ocenka.platform.Sessions;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The requests that Spring Security has nothing to do for: an anonymous visitor (no session cookie) reading a public
 * page, file or JSON answer. There is no one to authenticate, nothing to authorise and no form whose token must be
 * checked, so the security chain is skipped for them (its filters were a third of a public read's CPU); the security
 * headers come from {@link SecurityHeaders} like everyone's. Pages that carry a form with a CSRF token (the rating form,
 * login, registration, password reset) and the token endpoint still go through the chain.
 */
final class PublicReads implements ServerWebExchangeMatcher {

    /** Paths (prefixes) that need the chain even for an anonymous GET. */
    private static final List<String> SECURED = List.of("/api/v1/auth/", "/api/v1/me", "/api/v1/moderation/",
            "/api/v1/admin/", "/api/v1/cabinet/", "/cabinet", "/moderation", "/login", "/register", "/password-reset",
            "/account", "/confirm", "/oauth2/", "/dev/", "/feedback", "/complaints/", "/polls/");

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return isPublicRead(exchange) ? MatchResult.match() : MatchResult.notMatch();
    }

    static boolean isPublicRead(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || Sessions.carriesSession(exchange)) {
            return false;
        }
        String path = exchange.getRequest().getPath().value();
        for (String secured : SECURED) {
            if (path.startsWith(secured)) {
                return false;
            }
        }
        return !isRatingForm(path);
    }

    /** {@code /o/{id}/rate}: the form carries a CSRF token. */
    private static boolean isRatingForm(String path) {
        return path.startsWith("/o/") && path.endsWith("/rate");
    }
}

package by.ocenka.platform.security;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import by.ocenka.platform.Sessions;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The requests that Spring Security has nothing to do for: an anonymous visitor (no session cookie) reading one of the
 * public pages, files or JSON answers named below. There is no one to authenticate, nothing to authorise and no form
 * whose token must be checked, so the security chain is skipped for them (its filters were a third of a public read's
 * CPU); the security headers come from {@link SecurityHeaders} like everyone's.
 * <p>
 * An allow-list, route by route, matched as the handlers match: on the path within the application, decoded segment
 * by segment, without path parameters. A path the handlers would read as another route's (an encoded letter, say)
 * reads the same here; anything not named, and every request with a session, goes through the chain. Pages that
 * carry a form with a CSRF token (the rating form, a poll, login, registration) are not named: their token comes from
 * the chain.
 */
final class PublicReads implements ServerWebExchangeMatcher {

    static final List<String> ROUTES = List.of(
            // pages
            "/", "/search", "/rating", "/map", "/infographics", "/open-data", "/polls", "/polls/{id}/results",
            "/o/{id}", "/o/{id}/badge.svg", "/o/{id}/reviews.atom",
            // the catalogue, rankings, statistics, live scores, polls and open data as JSON and files
            "/api/v1/spheres", "/api/v1/regions", "/api/v1/organizations", "/api/v1/organizations/{id}",
            "/api/v1/organizations/{id}/children", "/api/v1/organizations/{id}/reviews",
            "/api/v1/organizations/{id}/qr", "/api/v1/organizations/{id}/events", "/api/v1/map/organizations",
            "/api/v1/rankings", "/api/v1/stats", "/api/v1/moderation-figures", "/api/v1/surveys",
            "/api/v1/surveys/{id}/results", "/api/v1/surveys/{id}/results.csv", "/api/v1/open-data",
            "/open-data/{file}",
            // static files, probes and the API's description
            "/css/**", "/js/**", "/img/**", "/fonts/**", "/webjars/**", "/favicon.ico", "/robots.txt",
            "/livez", "/readyz", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**");

    /** The patterns by their first segment ("" for the home page), so that a request tries only a few. */
    private static final Map<String, List<PathPattern>> PATTERNS = ROUTES.stream()
            .collect(Collectors.groupingBy(PublicReads::firstSegment,
                    Collectors.mapping(PathPatternParser.defaultInstance::parse, Collectors.toList())));

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return isPublicRead(exchange) ? MatchResult.match() : MatchResult.notMatch();
    }

    static boolean isPublicRead(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || Sessions.carriesSession(exchange)) {
            return false;
        }
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        List<PathContainer.Element> elements = path.elements();
        String first = elements.size() > 1 && elements.get(1) instanceof PathContainer.PathSegment segment
                ? segment.valueToMatch() : "";
        for (PathPattern pattern : PATTERNS.getOrDefault(first, List.of())) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static String firstSegment(String route) {
        int end = route.indexOf('/', 1);
        return route.substring(1, end < 0 ? route.length() : end);
    }
}

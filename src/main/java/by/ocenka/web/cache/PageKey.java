package by.ocenka.web.cache;

import by.ocenka.platform.Languages;
import by.ocenka.platform.Sessions;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * A kept page: where it is, in which language, whether it is the search's results fragment, and whether it is the one
 * rendered for every signed-in visitor (the rating form, with a stand-in's name in it) rather than for anonymous ones.
 */
record PageKey(String pathAndQuery, String language, boolean fragment, CachedRoutes.Route route, long organizationId,
               boolean signedIn) {

    /** The page an anonymous GET asks for, or null when its answers are not kept (or the visitor has a session). */
    static PageKey anonymous(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.GET || Sessions.carriesSession(exchange)) {
            return null;
        }
        String path = request.getPath().value();
        CachedRoutes.Match match = CachedRoutes.match(path);
        if (match == null) {
            return null;
        }
        String query = request.getURI().getRawQuery();
        boolean fragment = request.getHeaders().containsHeader("HX-Request")
                && !request.getHeaders().containsHeader("HX-History-Restore-Request");
        return new PageKey(query == null ? path : path + "?" + query, Languages.of(exchange).getLanguage(), fragment,
                match.route(), match.organizationId(), false);
    }

    /**
     * The rating form a signed-in visitor asks for ({@code /o/{id}/rate}, no query, no kept draft), kept once for all of
     * them; null for anything else.
     */
    static PageKey signedInForm(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        if (request.getMethod() != HttpMethod.GET || !Sessions.carriesSession(exchange) || request.getURI().getRawQuery() != null
                || request.getCookies().containsKey("ocenka-draft") || !CachedRoutes.isRatingForm(path)) {
            return null;
        }
        CachedRoutes.Match match = CachedRoutes.match(path);
        return new PageKey(path, Languages.of(exchange).getLanguage(), false, match.route(), match.organizationId(), true);
    }

    /** Whether it was rendered longer ago than its route allows. */
    boolean old(RenderedPage page) {
        return System.currentTimeMillis() - page.renderedAt() > route.maxAge().toMillis();
    }
}

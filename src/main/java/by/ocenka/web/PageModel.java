package by.ocenka.web;

import by.ocenka.platform.Languages;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * What every page's layout needs, for every {@link PageController}: the CSRF token for its forms, the language and its
 * links. (The signed-in user comes from the accounts feature's own advice.)
 */
@ControllerAdvice(annotations = PageController.class)
class PageModel {

    private final PortalProperties portal;

    PageModel(PortalProperties portal) {
        this.portal = portal;
    }

    /** Who runs the portal and where appeals go, for the notices pages show. */
    @ModelAttribute("portal")
    PortalProperties portal() {
        return portal;
    }

    /** The token as the hidden {@code _csrf} field of every form (also set as the {@code XSRF-TOKEN} cookie). */
    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token;
    }

    /** This page's address without the language switch, for the ru / be / en links and the login's way back. */
    @ModelAttribute("here")
    String here(ServerWebExchange exchange) {
        return UriComponentsBuilder.fromUri(exchange.getRequest().getURI()).replaceQueryParam(Languages.PARAMETER)
                .build().toUri().getRawPath() + query(exchange);
    }

    @ModelAttribute("lang")
    String lang(ServerWebExchange exchange) {
        return Languages.of(exchange).getLanguage();
    }

    private static String query(ServerWebExchange exchange) {
        String query = UriComponentsBuilder.fromUri(exchange.getRequest().getURI()).replaceQueryParam(Languages.PARAMETER)
                .build().toUri().getRawQuery();
        return query == null || query.isEmpty() ? "" : "?" + query;
    }
}

package by.ocenka.web;

import by.ocenka.platform.Languages;
import java.util.Locale;

import by.ocenka.account.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/** What every page's layout needs: the CSRF token for its forms, the logged-in user, the language and its links. */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    /** The token as the hidden {@code _csrf} field of every form (also set as the {@code XSRF-TOKEN} cookie). */
    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token;
    }

    @ModelAttribute("user")
    Mono<CurrentUser> user(ServerWebExchange exchange) {
        return currentUser(exchange);
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

    static Mono<CurrentUser> currentUser(ServerWebExchange exchange) {
        CurrentUser template = exchange.getAttribute(PublicReadCache.TEMPLATE_USER);
        if (template != null) {
            return Mono.just(template); // a logged-in page rendered for the page cache, with a stand-in user
        }
        return exchange.getPrincipal()
                .filter(Authentication.class::isInstance)
                .map(p -> ((Authentication) p).getPrincipal())
                .filter(CurrentUser.class::isInstance)
                .cast(CurrentUser.class);
    }

    static Locale locale(ServerWebExchange exchange) {
        return Languages.of(exchange);
    }
}

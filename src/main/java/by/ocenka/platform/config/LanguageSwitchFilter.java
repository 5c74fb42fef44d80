package by.ocenka.platform.config;

import by.ocenka.platform.Languages;

import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** The language switch: {@code ?lang=be} on any address remembers the choice in the {@code lang} cookie. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class LanguageSwitchFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Locale chosen = Languages.supported(exchange.getRequest().getQueryParams().getFirst(Languages.PARAMETER));
        if (chosen != null) {
            Languages.remember(exchange, chosen);
        }
        return chain.filter(exchange);
    }
}

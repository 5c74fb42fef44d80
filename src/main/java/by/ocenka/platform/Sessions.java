package by.ocenka.platform;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The login session (cookie {@code SESSION}, kept in Redis). {@link #existing} reads it only when the request
 * carries the cookie: {@code exchange.getSession()} would otherwise create one, which costs a random id from the
 * operating system and two thread hops, on every anonymous request.
 */
public final class Sessions {

    public static final String COOKIE = "SESSION";

    private Sessions() {
    }

    /** The request's session, or empty when it has none (nothing is created). */
    public static Mono<WebSession> existing(ServerWebExchange exchange) {
        return carriesSession(exchange) ? exchange.getSession() : Mono.empty();
    }

    /** The session id the request's cookie carries, or null. */
    public static String id(ServerWebExchange exchange) {
        var cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    public static boolean carriesSession(ServerWebExchange exchange) {
        return exchange.getRequest().getCookies().containsKey(COOKIE);
    }
}

package by.ocenka.platform;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;

/**
 * Requests this instance makes to itself: through its own handler chain, never over the network (the page cache
 * renders a page in the background so). The request's native object says so, and only code in this process can make
 * one. Such a request may carry the principal its answer is rendered for: a stand-in visitor with no rights, whose
 * name the page cache replaces when it sends the page.
 */
public final class InProcessRequests {

    /** Marks an in-process request: what it is for, and whom it is rendered for (null: nobody signed in). */
    public record Origin(Object purpose, Authentication principal) {
    }

    private InProcessRequests() {
    }

    /** The request's origin when this instance made it, else null (every request from the network). */
    public static Origin of(ServerWebExchange exchange) {
        try {
            return ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Origin origin ? origin : null;
        } catch (RuntimeException e) {
            return null; // a request type without a native request (a test's mock)
        }
    }
}

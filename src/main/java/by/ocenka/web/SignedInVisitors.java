package by.ocenka.web;

import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who is signed in, as the page cache needs to know it: implemented by the accounts feature (web knows no account).
 * A page kept once for every signed-in visitor is rendered for a stand-in, whose name the cache replaces with the
 * visitor's when it sends the page.
 */
public interface SignedInVisitors {

    /** A signed-in visitor: who, the name pages show, and whether the address is confirmed. */
    record Visitor(long id, String displayName, boolean confirmed) {
    }

    /** This request's signed-in visitor, or empty. */
    Mono<Visitor> of(ServerWebExchange exchange);

    /** The principal of a render for every signed-in visitor: a confirmed citizen with no rights, named so. */
    Authentication standIn(String displayName);
}

package by.ocenka.account;

import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What a page of another feature has left to finish once its visitor signs in by a mailed code (the rating form's
 * answers, kept while the citizen signed in): implemented by that feature, asked by the code page.
 */
public interface AfterSignIn {

    /** Whether signing in on the way to this page finishes something the visitor began there. */
    boolean finishes(String next);

    /** The page to show once signed in on the way to {@code next}: what finishing gave, or empty to just go there. */
    Mono<Rendering> finish(CurrentUser user, String next, ServerWebExchange exchange);
}

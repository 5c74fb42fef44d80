package by.ocenka.account;

import java.util.function.Function;
import java.util.function.Predicate;

import by.ocenka.platform.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The handler's own check on a staff page (the security chain has already let the request in): the page for whoever
 * holds the role, 403 for anyone else signed in, the login page (coming back here) for a visitor.
 */
public final class PageGate {

    private PageGate() {
    }

    /** For the portal's admin. */
    public static Mono<Rendering> admin(ServerWebExchange exchange, String here, Function<CurrentUser, Mono<Rendering>> page) {
        return only(CurrentUser::runsThePortal, exchange, here, page);
    }

    /** For moderators (and the admin). */
    public static Mono<Rendering> moderator(ServerWebExchange exchange, String here, Function<CurrentUser, Mono<Rendering>> page) {
        return only(CurrentUser::moderates, exchange, here, page);
    }

    private static Mono<Rendering> only(Predicate<CurrentUser> holds, ServerWebExchange exchange, String here,
                                        Function<CurrentUser, Mono<Rendering>> page) {
        return CurrentUser.of(exchange)
                .flatMap(user -> holds.test(user) ? page.apply(user)
                        : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden")))
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=" + here).build()));
    }
}

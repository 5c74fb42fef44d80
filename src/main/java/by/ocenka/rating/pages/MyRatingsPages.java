package by.ocenka.rating.pages;

import by.ocenka.account.CurrentUser;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.Reviews;
import by.ocenka.web.PageController;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The citizen's own ratings, newest first, with the organisations' replies. */
@PageController
class MyRatingsPages {

    static final String MY_RATINGS = "rating/my-ratings";

    private final Reviews reviews;

    MyRatingsPages(Reviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/account/ratings")
    Mono<Rendering> myRatings(@RequestParam(required = false) Integer page, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(user -> reviews.mine(user.id(), PageRequest.of(page, 20)))
                .map(mine -> Rendering.view(MY_RATINGS).modelAttribute("ratings", mine).build())
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=/account/ratings").build()));
    }
}

package by.ocenka.rating.pages;

import java.util.Set;

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

    /** Why an author's mark on a reply was not stored, as the page can say it (anything else in the address is ignored). */
    private static final Set<String> REFUSALS = Set.of("reply-feedback-given", "reply-not-found");

    /**
     * The citizen's ratings; {@code marked}: the rating whose reply they just marked (thanked for it), {@code
     * markRefused} with {@code why}: the one whose mark was not stored, and why.
     */
    @GetMapping("/account/ratings")
    Mono<Rendering> myRatings(@RequestParam(required = false) Integer page, @RequestParam(required = false) Long marked,
                              @RequestParam(required = false) Long markRefused, @RequestParam(required = false) String why,
                              ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(user -> reviews.mine(user.id(), PageRequest.of(page, 20)))
                .map(mine -> Rendering.view(MY_RATINGS).modelAttribute("ratings", mine)
                        .modelAttribute("marked", marked)
                        .modelAttribute("markRefused", why != null && REFUSALS.contains(why) ? markRefused : null)
                        .modelAttribute("refusal", why != null && REFUSALS.contains(why) ? why : null)
                        .build())
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=/account/ratings").build()));
    }
}

package by.ocenka.cabinet.pages;

import java.util.Set;

import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.internal.ReplyFeedback;
import by.ocenka.platform.ApiException;
import by.ocenka.web.PageController;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The author's "did this answer help?" on their own ratings page: back to the same rating, which says what was
 * stored, or why nothing was (marked already, no reply).
 */
@PageController
class ReplyFeedbackPages {

    private final ReplyFeedback feedback;

    ReplyFeedbackPages(ReplyFeedback feedback) {
        this.feedback = feedback;
    }

    @PostMapping("/account/ratings/{questionnaireId}/reply-feedback")
    Mono<Rendering> mark(@PathVariable long questionnaireId, ServerWebExchange exchange) {
        String anchor = "#rating-" + questionnaireId;
        return exchange.getFormData().flatMap(form -> CurrentUser.of(exchange)
                // Only the page's two buttons say something: anything else is not taken for a "no".
                .flatMap(user -> !Set.of("true", "false").contains(String.valueOf(form.getFirst("helpful")))
                        ? Mono.just(Rendering.redirectTo("/account/ratings" + anchor).build())
                        : feedback.mark(user, questionnaireId, Boolean.parseBoolean(form.getFirst("helpful")))
                        .thenReturn(Rendering.redirectTo("/account/ratings?marked=" + questionnaireId + anchor).build())
                        // Refused: back to the citizen's own ratings, which say why for their own (someone else's
                        // questionnaire is not on the page, and nothing about it is said).
                        .onErrorResume(ApiException.class, e -> Mono.just(Rendering.redirectTo("/account/ratings?markRefused="
                                + questionnaireId + "&why=" + e.code() + anchor).build())))
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=/account/ratings").build())));
    }
}

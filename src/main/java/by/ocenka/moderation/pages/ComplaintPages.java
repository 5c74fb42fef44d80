package by.ocenka.moderation.pages;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import by.ocenka.account.CurrentUser;
import by.ocenka.moderation.Complaints;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ClientAddress;
import by.ocenka.platform.Languages;
import by.ocenka.rating.QuestionnaireModeration;
import by.ocenka.web.PageController;
import by.ocenka.web.ProblemTexts;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Flagging a comment from the organisation's page: the comment, the reasons, an optional note. */
@PageController
class ComplaintPages {

    static final String COMPLAINT = "moderation/complaint";
    private static final List<String> REASONS = List.of("abuse", "personal-data", "spam", "off-topic");

    private final Complaints complaints;
    private final QuestionnaireModeration comments;
    private final ProblemTexts problems;

    ComplaintPages(Complaints complaints, QuestionnaireModeration comments, ProblemTexts problems) {
        this.complaints = complaints;
        this.comments = comments;
        this.problems = problems;
    }

    @GetMapping("/complaints/{questionnaireId}")
    Mono<Rendering> form(@PathVariable long questionnaireId) {
        return comments.publishedComment(questionnaireId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("comment-not-found", questionnaireId)))
                .map(comment -> Rendering.view(COMPLAINT).modelAttribute("comment", comment)
                        .modelAttribute("reasons", REASONS).modelAttribute("errors", Map.of()).build());
    }

    @PostMapping("/complaints/{questionnaireId}")
    Mono<Rendering> flag(@PathVariable long questionnaireId, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> {
            String reason = form.getFirst("reason");
            String text = form.getFirst("text");
            Mono<Rendering> refused = comments.publishedComment(questionnaireId)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("comment-not-found", questionnaireId)))
                    .map(comment -> Rendering.view(COMPLAINT).modelAttribute("comment", comment).modelAttribute("reasons", REASONS)
                            .modelAttribute("errors", Map.of("reason", problems.text("validation.required", new Object[0], locale)))
                            .status(HttpStatus.BAD_REQUEST).build());
            if (reason == null || !REASONS.contains(reason) || (text != null && text.length() > 1000)) {
                return refused;
            }
            return CurrentUser.of(exchange).map(Optional::of).defaultIfEmpty(Optional.empty())
                    .flatMap(user -> complaints.flag(questionnaireId, new Complaints.Flag(reason, text), user.orElse(null),
                            ClientAddress.client(exchange)))
                    .map(flagged -> message(flagged.organizationId(), "page.complaint.done.text", locale))
                    .onErrorResume(ApiException.class, e -> e.status().value() == 409
                            ? comments.publishedComment(questionnaireId)
                                    .map(c -> message(c.organizationId(), "page.complaint.again.text", locale))
                            : Mono.error(e));
        });
    }

    private Rendering message(long organizationId, String text, Locale locale) {
        return problems.messagePage("page.complaint.done.title", text, locale).modelAttribute("next", "/o/" + organizationId)
                .build();
    }
}

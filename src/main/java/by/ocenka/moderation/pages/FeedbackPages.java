package by.ocenka.moderation.pages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import by.ocenka.account.CurrentUser;
import by.ocenka.moderation.Feedback;
import by.ocenka.platform.Languages;
import by.ocenka.web.PageController;
import by.ocenka.web.PageForms;
import by.ocenka.web.ProblemTexts;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The form to write to the portal's support, for anyone (signed in or not). */
@PageController
class FeedbackPages {

    static final String FEEDBACK = "moderation/feedback";
    private static final List<String> TOPICS = Arrays.stream(Feedback.Topic.values())
            .map(t -> t.name().toLowerCase(Locale.ROOT)).toList();

    private final Feedback feedback;
    private final ProblemTexts problems;

    FeedbackPages(Feedback feedback, ProblemTexts problems) {
        this.feedback = feedback;
        this.problems = problems;
    }

    @GetMapping("/feedback")
    Rendering form() {
        return view("question", "", "", Map.of(), false).build();
    }

    /** Checked as the API checks it; errors come back next to their fields with what was typed kept. */
    @PostMapping("/feedback")
    Mono<Rendering> send(ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> {
            String topic = form.getFirst("topic");
            String text = form.getFirst("text") == null ? "" : form.getFirst("text");
            String email = form.getFirst("email") == null ? "" : form.getFirst("email").strip();
            Map<String, String> errors = new LinkedHashMap<>();
            Feedback.Topic chosen = Feedback.topic(topic);
            if (chosen == null) {
                errors.put("topic", problems.text("validation.required", new Object[0], locale));
            }
            if (text.isBlank()) {
                errors.put("text", problems.text("validation.required", new Object[0], locale));
            } else if (text.length() > 4000) {
                errors.put("text", problems.text("validation.tooLong", new Object[] {4000}, locale));
            }
            if (!email.isEmpty() && !PageForms.looksLikeAnEmail(email)) {
                errors.put("email", problems.text("validation.email", new Object[0], locale));
            }
            if (!errors.isEmpty()) {
                return Mono.just(view(topic, text, email, errors, false).status(HttpStatus.BAD_REQUEST).build());
            }
            return CurrentUser.of(exchange).map(user -> Optional.of(user.id()))
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(user -> feedback.send(new Feedback.Message(chosen, text, email.isEmpty() ? null : email),
                            user.orElse(null)))
                    .thenReturn(view("question", "", "", Map.of(), true).build());
        });
    }

    private static Rendering.Builder<?> view(String topic, String text, String email, Map<String, String> errors, boolean sent) {
        return Rendering.view(FEEDBACK)
                .modelAttribute("topics", TOPICS)
                .modelAttribute("topic", topic)
                .modelAttribute("text", text)
                .modelAttribute("email", email)
                .modelAttribute("errors", errors)
                .modelAttribute("sent", sent);
    }
}

package by.ocenka.moderation.internal;

import java.util.Locale;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.moderation.Feedback;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Messages to support and the moderators' queue of them. */
@RestController
@Tag(name = "Moderation")
class FeedbackController {

    private final Feedback feedback;

    FeedbackController(Feedback feedback) {
        this.feedback = feedback;
    }

    @PostMapping("/api/v1/feedback")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A message to the portal's support {topic: question,problem,idea,organization,other, text, email?}: "
            + "201, in the moderators' queue; the answer is mailed to the address if one is given")
    Mono<Feedback.View> send(@Valid @RequestBody Feedback.Message message, @AuthenticationPrincipal CurrentUser user) {
        return feedback.send(message, user == null ? null : user.id());
    }

    @GetMapping("/api/v1/moderation/feedback")
    @Operation(summary = "The moderators' queue of messages to support, oldest first (status NEW by default)")
    Mono<Page<Feedback.View>> queue(@AuthenticationPrincipal CurrentUser caller, @RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size) {
        Callers.moderator(caller);
        return feedback.queue(ApiException.parameter(Feedback.Status.class, "status", status, null), PageRequest.of(page, size));
    }

    @PostMapping("/api/v1/moderation/feedback/{id}/answer")
    @Operation(summary = "Answer a message once: 200, the answer mailed to its address; 404 unknown; 409 already answered or closed")
    @ApiResponse(responseCode = "200", description = "The message, answered")
    @ApiResponse(responseCode = "409", description = "The message is answered or closed already")
    Mono<Feedback.View> answer(@PathVariable long id, @Valid @RequestBody Feedback.Answer answer,
                               @AuthenticationPrincipal CurrentUser moderator, Locale locale) {
        Callers.moderator(moderator);
        return feedback.answer(id, answer, moderator.id(), locale);
    }

    @PostMapping("/api/v1/moderation/feedback/{id}/close")
    @Operation(summary = "Close a message without an answer (spam, a duplicate): 200; 404 unknown; 409 not new")
    @ApiResponse(responseCode = "200", description = "The message, closed")
    @ApiResponse(responseCode = "409", description = "The message is not new")
    Mono<Feedback.View> close(@PathVariable long id, @AuthenticationPrincipal CurrentUser moderator) {
        Callers.moderator(moderator);
        return feedback.close(id, moderator.id());
    }
}

package by.ocenka.cabinet.internal;

import by.ocenka.account.CurrentUser;
import by.ocenka.platform.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The author of a questionnaire says whether the organisation's reply helped ({@link ReplyFeedback}). */
@RestController
@Tag(name = "Cabinet")
class ReplyFeedbackController {

    /** The author's mark. */
    record HelpfulMark(Boolean helpful) {
    }

    private final ReplyFeedback feedback;

    ReplyFeedbackController(ReplyFeedback feedback) {
        this.feedback = feedback;
    }

    @PostMapping("/api/v1/me/ratings/{questionnaireId}/reply-feedback")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "The author marks the organisation's reply to their questionnaire helpful or not, once")
    @ApiResponse(responseCode = "204", description = "Marked")
    @ApiResponse(responseCode = "400", description = "helpful is missing")
    @ApiResponse(responseCode = "403", description = "Not the questionnaire's author")
    @ApiResponse(responseCode = "404", description = "No such questionnaire, or it has no reply yet")
    @ApiResponse(responseCode = "409", description = "Marked already")
    Mono<Void> mark(@AuthenticationPrincipal CurrentUser user, @PathVariable long questionnaireId,
                    @RequestBody HelpfulMark mark) {
        if (mark == null || mark.helpful() == null) {
            return Mono.error(ApiException.invalid("helpful", "validation.required"));
        }
        return feedback.mark(user, questionnaireId, mark.helpful());
    }
}

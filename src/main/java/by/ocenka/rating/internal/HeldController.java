package by.ocenka.rating.internal;

import java.util.List;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.HeldQuestionnaires;
import by.ocenka.rating.QuestionnaireModeration;
import by.ocenka.rating.RatingRecords.HeldGroup;
import by.ocenka.rating.RatingRecords.HeldQuestionnaire;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** The moderators' side of fair play: what is held, and releasing or rejecting it (docs/FAIRPLAY.md). */
@RestController
@Tag(name = "Moderation")
class HeldController {

    /** A burst to decide at once: every held questionnaire of the organisation for the reason. */
    record Burst(long organizationId, String reason) {
    }

    /** How many questionnaires a decision moved. */
    record Decided(long count) {
    }

    private final HeldQuestionnaires held;
    private final QuestionnaireModeration moderation;

    HeldController(HeldQuestionnaires held, QuestionnaireModeration moderation) {
        this.held = held;
        this.moderation = moderation;
    }

    @GetMapping("/api/v1/moderation/held/groups")
    @Operation(summary = "Held questionnaires grouped by organisation and reason (bursts), the latest first")
    Mono<List<HeldGroup>> groups(@AuthenticationPrincipal CurrentUser caller) {
        Callers.moderator(caller);
        return held.groups();
    }

    @GetMapping("/api/v1/moderation/held")
    @Operation(summary = "Held questionnaires, newest first; organizationId and reason narrow them")
    Mono<Page<HeldQuestionnaire>> list(@AuthenticationPrincipal CurrentUser caller, @RequestParam(required = false) Long organizationId,
                                       @RequestParam(required = false) String reason,
                                       @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Callers.moderator(caller);
        return held.held(organizationId, reason, PageRequest.of(page, size));
    }

    @PostMapping("/api/v1/moderation/questionnaires/{id}/release")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Release a held questionnaire: it joins the aggregates exactly; 404 unknown; 409 not held")
    @ApiResponse(responseCode = "204", description = "Released: it counts now")
    @ApiResponse(responseCode = "409", description = "The questionnaire is not held (decided already)")
    Mono<Void> release(@AuthenticationPrincipal CurrentUser caller, @PathVariable long id) {
        Callers.moderator(caller);
        return moderation.release(id);
    }

    @PostMapping("/api/v1/moderation/questionnaires/{id}/reject")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Reject a held questionnaire: it never counts; 404 unknown; 409 not held")
    @ApiResponse(responseCode = "204", description = "Rejected: it never counts")
    @ApiResponse(responseCode = "409", description = "The questionnaire is not held (decided already)")
    Mono<Void> reject(@AuthenticationPrincipal CurrentUser caller, @PathVariable long id) {
        Callers.moderator(caller);
        return moderation.reject(id);
    }

    @PostMapping("/api/v1/moderation/held/release")
    @Operation(summary = "Release a whole burst (organisation and reason): 200 with how many")
    Mono<Decided> releaseAll(@AuthenticationPrincipal CurrentUser caller, @RequestBody Burst burst) {
        Callers.moderator(caller);
        return held.releaseAll(burst.organizationId(), burst.reason()).map(Decided::new);
    }

    @PostMapping("/api/v1/moderation/held/reject")
    @Operation(summary = "Reject a whole burst (organisation and reason): 200 with how many")
    Mono<Decided> rejectAll(@AuthenticationPrincipal CurrentUser caller, @RequestBody Burst burst) {
        Callers.moderator(caller);
        return held.rejectAll(burst.organizationId(), burst.reason()).map(Decided::new);
    }
}

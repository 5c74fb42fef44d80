package by.ocenka.moderation.internal;

import java.util.List;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.moderation.Complaints;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ClientAddress;
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
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Flags on comments, the moderators' queue and decisions, and the public monthly figures. */
@RestController
@Tag(name = "Moderation")
class ComplaintsController {

    private final Complaints complaints;

    ComplaintsController(Complaints complaints) {
        this.complaints = complaints;
    }

    @PostMapping("/api/v1/reviews/{questionnaireId}/complaints")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Flag a published comment {reason: abuse,personal-data,spam,off-topic, text?}: 201 (anyone; once per "
            + "account or address); 404 no such shown comment; 409 already flagged; an organisation's staff ask for a review")
    @ApiResponse(responseCode = "409", description = "Flagged already by this account (or, signed out, this address)")
    Mono<Complaints.View> flag(@PathVariable long questionnaireId, @Valid @RequestBody Complaints.Flag flag,
                               @AuthenticationPrincipal CurrentUser user, ServerWebExchange exchange) {
        return complaints.flag(questionnaireId, flag, user, ClientAddress.client(exchange));
    }

    @GetMapping("/api/v1/moderation/complaints")
    @Operation(summary = "The moderators' queue of flags, oldest first (status OPEN by default), each with its comment")
    Mono<Page<Complaints.View>> queue(@AuthenticationPrincipal CurrentUser caller, @RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        Callers.moderator(caller);
        return complaints.queue(ApiException.parameter(Complaints.Status.class, "status", status, null), PageRequest.of(page, size));
    }

    @PostMapping("/api/v1/moderation/complaints/{id}/hide")
    @Operation(summary = "Hide the flagged comment with a reason code the author sees (every open flag of it upheld): 200; "
            + "404; 409 already decided")
    @ApiResponse(responseCode = "200", description = "The flag, upheld")
    @ApiResponse(responseCode = "409", description = "The flag is decided already")
    Mono<Complaints.View> hide(@PathVariable long id, @Valid @RequestBody Complaints.Decision decision,
                               @AuthenticationPrincipal CurrentUser moderator) {
        Callers.moderator(moderator);
        return complaints.hide(id, decision, moderator.id());
    }

    @PostMapping("/api/v1/moderation/complaints/{id}/dismiss")
    @Operation(summary = "Dismiss a flag (the comment stays): 200; 404; 409 already decided")
    @ApiResponse(responseCode = "200", description = "The flag, dismissed")
    @ApiResponse(responseCode = "409", description = "The flag is decided already")
    Mono<Complaints.View> dismiss(@PathVariable long id, @AuthenticationPrincipal CurrentUser moderator) {
        Callers.moderator(moderator);
        return complaints.dismiss(id, moderator.id());
    }

    @PostMapping("/api/v1/moderation/questionnaires/{id}/comment/restore")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Show a hidden comment again: 204; 404")
    Mono<Void> restore(@AuthenticationPrincipal CurrentUser caller, @PathVariable long id) {
        Callers.moderator(caller);
        return complaints.restore(id);
    }

    @GetMapping("/api/v1/moderation-figures")
    @Operation(summary = "Public: each of the last twelve months' flags, comments hidden by reason, dismissed, open and the "
            + "median hours to a decision, newest first")
    Mono<List<Complaints.MonthFigures>> figures() {
        return complaints.figures();
    }
}

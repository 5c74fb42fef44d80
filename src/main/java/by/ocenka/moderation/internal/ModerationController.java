package by.ocenka.moderation.internal;

import java.util.List;
import java.util.Locale;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.moderation.ChangeRequestRecords;
import by.ocenka.moderation.ChangeRequests;
import by.ocenka.moderation.ModerationService;
import by.ocenka.moderation.OrganizationRequests.Approval;
import by.ocenka.moderation.OrganizationRequests.Rejection;
import by.ocenka.moderation.OrganizationRequests.Status;
import by.ocenka.moderation.OrganizationRequests.Submission;
import by.ocenka.moderation.OrganizationRequests.View;
import by.ocenka.moderation.ReviewRequests;
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

/**
 * Citizens' requests to add organisations, the moderators' queue, organisations' requests to change their name, UNP
 * or parent, and the registry import.
 */
@RestController
@Tag(name = "Moderation")
class ModerationController {

    record ImportResult(int imported, List<Long> organizationIds) {
    }

    private final ModerationService moderation;
    private final ChangeRequests changeRequests;
    private final ReviewRequests reviews;

    ModerationController(ModerationService moderation, ChangeRequests changeRequests, ReviewRequests reviews) {
        this.reviews = reviews;
        this.changeRequests = changeRequests;
        this.moderation = moderation;
    }

    @PostMapping("/api/v1/organization-requests")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A logged-in citizen asks to add a missing organisation: 201 pending")
    Mono<View> submit(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody Submission submission) {
        Callers.signedIn(user);
        return moderation.submit(user.id(), submission);
    }

    @GetMapping("/api/v1/me/organization-requests")
    @Operation(summary = "The citizen's own requests with their status and, if rejected, the reason")
    Mono<Page<View>> mine(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer page,
                          @RequestParam(required = false) Integer size) {
        Callers.signedIn(user);
        return moderation.mine(user.id(), PageRequest.of(page, size));
    }

    @GetMapping("/api/v1/moderation/organization-requests")
    @Operation(summary = "The moderators' queue, oldest first (status PENDING by default)")
    Mono<Page<View>> queue(@AuthenticationPrincipal CurrentUser caller, @RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                           @RequestParam(required = false) Integer size) {
        Callers.moderator(caller);
        return moderation.queue(ApiException.parameter(Status.class, "status", status, Status.PENDING), PageRequest.of(page, size));
    }

    @PostMapping("/api/v1/moderation/organization-requests/{id}/approve")
    @Operation(summary = "Approve: the organisation becomes active with the moderator's corrections; 409 if already decided")
    @ApiResponse(responseCode = "200", description = "The request, approved, with the new organisation's id")
    @ApiResponse(responseCode = "409", description = "The request is decided already")
    Mono<View> approve(@AuthenticationPrincipal CurrentUser moderator, @PathVariable long id,
                       @Valid @RequestBody Approval approval, Locale locale) {
        Callers.moderator(moderator);
        return moderation.approve(id, moderator.id(), approval, locale);
    }

    @PostMapping("/api/v1/moderation/organization-requests/{id}/reject")
    @Operation(summary = "Reject with a reason the citizen sees; 409 if already decided")
    @ApiResponse(responseCode = "200", description = "The request, rejected")
    @ApiResponse(responseCode = "409", description = "The request is decided already")
    Mono<View> reject(@AuthenticationPrincipal CurrentUser moderator, @PathVariable long id,
                      @Valid @RequestBody Rejection rejection, Locale locale) {
        Callers.moderator(moderator);
        return moderation.reject(id, moderator.id(), rejection.reason(), locale);
    }

    @GetMapping("/api/v1/moderation/change-requests")
    @Operation(summary = "Requests to change an organisation's name, UNP or parent, oldest first (PENDING by default)")
    Mono<Page<ChangeRequestRecords.View>> changeQueue(@AuthenticationPrincipal CurrentUser caller,
                                                      @RequestParam(required = false) String status,
                                                      @RequestParam(required = false) Integer page,
                                                      @RequestParam(required = false) Integer size) {
        Callers.moderator(caller);
        return changeRequests.queue(ApiException.parameter(Status.class, "status", status, Status.PENDING),
                PageRequest.of(page, size));
    }

    @PostMapping("/api/v1/moderation/change-requests/{id}/approve")
    @Operation(summary = "Apply the change to the catalogue; the requester is mailed; 409 if already decided")
    @ApiResponse(responseCode = "200", description = "The request, approved; the organisation as now named and placed")
    @ApiResponse(responseCode = "400", description = "The catalogue refuses the change now (say, the UNP was taken since)")
    @ApiResponse(responseCode = "409", description = "The request is decided already")
    Mono<ChangeRequestRecords.View> approveChange(@AuthenticationPrincipal CurrentUser moderator, @PathVariable long id,
                                                  Locale locale) {
        Callers.moderator(moderator);
        return changeRequests.approve(id, moderator.id(), locale);
    }

    @PostMapping("/api/v1/moderation/change-requests/{id}/reject")
    @Operation(summary = "Reject with a reason the requester is mailed; 409 if already decided")
    @ApiResponse(responseCode = "200", description = "The request, rejected")
    @ApiResponse(responseCode = "409", description = "The request is decided already")
    Mono<ChangeRequestRecords.View> rejectChange(@AuthenticationPrincipal CurrentUser moderator, @PathVariable long id,
                                                 @Valid @RequestBody Rejection rejection, Locale locale) {
        Callers.moderator(moderator);
        return changeRequests.reject(id, moderator.id(), rejection.reason(), locale);
    }

    /** The moderator's answer to an organisation that doubted a questionnaire. */
    record ReviewAnswer(String answer) {
    }

    @GetMapping("/api/v1/moderation/review-requests")
    @Operation(summary = "Organisations' requests to review a questionnaire they believe is not genuine, oldest first")
    Mono<Page<ReviewRequests.Queued>> reviewQueue(@AuthenticationPrincipal CurrentUser caller,
                                                  @RequestParam(required = false) Integer page,
                                                  @RequestParam(required = false) Integer size) {
        Callers.moderator(caller);
        return reviews.queue(PageRequest.of(page, size));
    }

    @PostMapping("/api/v1/moderation/review-requests/{id}/{decision:uphold|dismiss}")
    @Operation(summary = "uphold: the questionnaire leaves the count and public view; dismiss: it stays; the answer is "
            + "mailed to the staff member and shown in the cabinet")
    @ApiResponse(responseCode = "200", description = "The request, decided")
    @ApiResponse(responseCode = "400", description = "The answer is shorter than 3 or longer than 2,000 characters")
    @ApiResponse(responseCode = "409", description = "The request is decided already")
    Mono<ReviewRequests.View> decideReview(@AuthenticationPrincipal CurrentUser moderator, @PathVariable long id,
                                           @PathVariable String decision, @RequestBody(required = false) ReviewAnswer answer,
                                           Locale locale) {
        Callers.moderator(moderator);
        String text = answer == null ? null : answer.answer();
        return decision.equals("uphold") ? reviews.uphold(id, moderator.id(), text, locale)
                : reviews.dismiss(id, moderator.id(), text, locale);
    }

    @PostMapping(path = "/api/v1/moderation/registry-imports", consumes = {"text/csv", "text/plain"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Import a body's local registry (CSV: name, unp, address, sphere, category, parent_unp, lat, lon)",
            description = "All rows or none: any fault answers 400 with errors naming row[line].column")
    Mono<ImportResult> importRegistry(@AuthenticationPrincipal CurrentUser caller, @RequestBody String csv) {
        Callers.moderator(caller);
        return moderation.importRegistry(csv).map(ids -> new ImportResult(ids.size(), ids));
    }
}

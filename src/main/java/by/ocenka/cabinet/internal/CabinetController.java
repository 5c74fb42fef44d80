package by.ocenka.cabinet.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.CabinetRecords.Analytics;
import by.ocenka.cabinet.CabinetRecords.BulkReplies;
import by.ocenka.cabinet.CabinetRecords.CabinetQuestionnaire;
import by.ocenka.cabinet.CabinetRecords.FeedFilter;
import by.ocenka.cabinet.CabinetRecords.ManagedOrganization;
import by.ocenka.cabinet.CabinetRecords.ReplyCreated;
import by.ocenka.catalog.OrganizationProfile;
import by.ocenka.moderation.ChangeRequestRecords;
import by.ocenka.moderation.ReviewRequests;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.Languages;
import by.ocenka.platform.LiveStreams;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.ExtraCriteria.ExtraCriterion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The organisation's cabinet over HTTP: its organisations, the feed (paged and live), replies, analytics, files,
 * criteria and audit. Each route is one call on a cabinet use case, which checks the scope itself.
 */
@RestController
@Tag(name = "Cabinet")
class CabinetController {

    record ReplyRequest(String text) {
    }

    private final CabinetOverview overview;
    private final CabinetFeed feed;
    private final CabinetReplies replies;
    private final CabinetAnalytics analytics;
    private final CabinetFiles files;
    private final CabinetSettings settings;
    private final CabinetProfiles profiles;
    private final LiveStreams streams;
    private final QuestionnaireReviews reviews;

    CabinetController(CabinetOverview overview, CabinetFeed feed, CabinetReplies replies, CabinetAnalytics analytics,
                      CabinetFiles files, CabinetSettings settings, CabinetProfiles profiles, LiveStreams streams,
                      QuestionnaireReviews reviews) {
        this.reviews = reviews;
        this.overview = overview;
        this.feed = feed;
        this.replies = replies;
        this.analytics = analytics;
        this.files = files;
        this.settings = settings;
        this.profiles = profiles;
        this.streams = streams;
    }

    @GetMapping("/api/v1/cabinet/organizations")
    @Operation(summary = "The organisations this user manages or answers for, with the size of each subtree")
    Mono<List<ManagedOrganization>> organizations(@AuthenticationPrincipal CurrentUser user) {
        Callers.staff(user);
        return overview.managed(user);
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/questionnaires")
    @Operation(summary = "The subtree's questionnaires, newest first, with filters")
    Mono<Page<CabinetQuestionnaire>> questionnaires(
            @AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long unit, @RequestParam(required = false) BigDecimal maxMean,
            @RequestParam(required = false) Boolean withComment, @RequestParam(required = false) Boolean replied,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Callers.staff(user);
        PageRequest request = PageRequest.of(page, size);
        if (maxMean != null && (maxMean.compareTo(BigDecimal.ONE) < 0 || maxMean.compareTo(BigDecimal.valueOf(5)) > 0)) {
            return Mono.error(ApiException.invalid("maxMean", "validation.range", 1, 5));
        }
        if (from != null && to != null && from.isAfter(to)) {
            return Mono.error(ApiException.invalid("from", "validation.period"));
        }
        return feed.page(user, id, new FeedFilter(from, to, unit, maxMean, withComment, replied), request);
    }

    @GetMapping(path = "/api/v1/cabinet/organizations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The subtree's new questionnaires, live (event questionnaire; Last-Event-ID resumes)")
    @ApiResponse(responseCode = "200", description = "The stream, until the client leaves")
    @ApiResponse(responseCode = "429", description = "Too many streams open from this address")
    @ApiResponse(responseCode = "503", description = "Too many streams open on this instance")
    Flux<ServerSentEvent<CabinetQuestionnaire>> events(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                                       @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                                       ServerWebExchange exchange) {
        Callers.staff(user);
        Long last = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                last = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                return Flux.error(ApiException.invalid("Last-Event-ID", "validation.format"));
            }
        }
        Long resumeAfter = last;
        return streams.openWhileSessionHolds(exchange, () -> feed.stream(user, id, resumeAfter));
    }

    @PostMapping("/api/v1/cabinet/questionnaires/{id}/reply")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "The organisation's official reply to a questionnaire (one; public; mailed to the author)")
    @ApiResponse(responseCode = "400", description = "The text is empty or over 4,000 characters")
    @ApiResponse(responseCode = "409", description = "The questionnaire is answered already")
    Mono<ReplyCreated> reply(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                             @RequestBody(required = false) ReplyRequest request, Locale locale) {
        Callers.staff(user);
        return replies.reply(user, id, request == null ? null : request.text(), locale);
    }

    /** One text for several questionnaires. */
    record BulkReplyRequest(List<Long> questionnaireIds, String text) {
    }

    @PostMapping("/api/v1/cabinet/replies")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "One text as the reply to several questionnaires (at most 100): each a public reply of its own, "
            + "mailed to its author; those that cannot be answered are skipped with the reason (already-replied, "
            + "outside-scope, not-found, held)")
    @ApiResponse(responseCode = "400", description = "No questionnaire, more than 100, or the text empty or over 4,000 "
            + "characters: nothing answered")
    Mono<BulkReplies> replyToMany(@AuthenticationPrincipal CurrentUser user,
                                  @RequestBody(required = false) BulkReplyRequest request, Locale locale) {
        Callers.staff(user);
        return replies.replyToMany(user, request == null ? null : request.questionnaireIds(),
                request == null ? null : request.text(), locale);
    }

    @PutMapping("/api/v1/cabinet/questionnaires/{id}/reply")
    @Operation(summary = "Corrects the reply its author posted less than 15 minutes ago (the citizen is not mailed again)")
    @ApiResponse(responseCode = "400", description = "The text is empty or over 4,000 characters")
    @ApiResponse(responseCode = "409", description = "There is no reply of this user's that may still be corrected")
    Mono<ReplyCreated> correctReply(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                    @RequestBody(required = false) ReplyRequest request) {
        Callers.staff(user);
        return replies.correct(user, id, request == null ? null : request.text());
    }

    /** Why the staff believe a questionnaire is not genuine. */
    record ReviewRequest(String reason) {
    }

    @PostMapping("/api/v1/cabinet/questionnaires/{id}/review-requests")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Asks the moderators to review a questionnaire the staff believe is not genuine, with a reason; "
            + "the answer shows beside it in the feed")
    @ApiResponse(responseCode = "400", description = "The reason is shorter than 3 or longer than 2,000 characters")
    @ApiResponse(responseCode = "409", description = "A request about it is open already")
    Mono<ReviewRequests.View> requestReview(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                            @RequestBody(required = false) ReviewRequest request) {
        Callers.staff(user);
        return reviews.request(user, id, request == null ? null : request.reason());
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/analytics")
    @Operation(summary = "The subtree's figures for a period: totals, criteria, months, units with ranks, replies")
    Mono<Analytics> analytics(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Callers.staff(user);
        return analytics.of(user, id, from, to);
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/export")
    @Operation(summary = "The subtree's questionnaires of a period (at most 400 days) as a file, streamed (by default the "
            + "last twelve months): format csv (for programs: column codes, commas), excel-csv (for a spreadsheet: the "
            + "reader's language, semicolons, a decimal comma) or xlsx (the reader's language)")
    @ApiResponse(responseCode = "429", description = "Two exports or poster sets of this user are running already")
    @ApiResponse(responseCode = "200", description = "The file, as an attachment", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = "string", format = "binary"))})
    Mono<ResponseEntity<Flux<DataBuffer>>> export(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                                  @RequestParam(required = false) String format,
                                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                                  Locale locale, ServerWebExchange exchange) {
        Callers.staff(user);
        return files.export(user, id, format, from, to, locale, exchange.getResponse().bufferFactory())
                .map(file -> send(file, ContentDisposition.attachment()));
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/poster")
    @Operation(summary = "A printable A4 poster (PDF or SVG) with the QR code, the name and a call to rate")
    @ApiResponse(responseCode = "200", description = "The poster, inline", content = {
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string"))})
    Mono<ResponseEntity<Flux<DataBuffer>>> poster(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                                  @RequestParam(required = false) String format,
                                                  @RequestParam(required = false) String lang, Locale locale) {
        Callers.staff(user);
        return files.poster(user, id, format, language(lang, locale)).map(file -> send(file, ContentDisposition.inline()));
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/posters")
    @Operation(summary = "Posters for the organisation and every unit of its subtree in one PDF (at most 500 pages)")
    @ApiResponse(responseCode = "429", description = "Two exports or poster sets of this user are running already")
    @ApiResponse(responseCode = "200", description = "The posters, as an attachment", content = @Content(
            mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    Mono<ResponseEntity<Flux<DataBuffer>>> posters(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                                   @RequestParam(required = false) String lang, Locale locale,
                                                   ServerWebExchange exchange) {
        Callers.staff(user);
        return files.posterSet(user, id, language(lang, locale), exchange.getResponse().bufferFactory())
                .map(file -> send(file, ContentDisposition.attachment()));
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/criteria")
    @Operation(summary = "The extra criteria the organisation sets for itself and its subtree")
    Mono<List<ExtraCriterion>> criteria(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Callers.staff(user);
        return settings.criteria(user, id);
    }

    @PutMapping("/api/v1/cabinet/organizations/{id}/criteria")
    @Operation(summary = "Replaces the organisation's extra criteria (organisation admins); past answers are kept")
    Mono<List<ExtraCriterion>> replaceCriteria(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                               @RequestBody List<ExtraCriterion> criteria) {
        Callers.staff(user);
        return settings.replaceCriteria(user, id, criteria);
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/profile")
    @Operation(summary = "The details the organisation keeps itself: contacts, hours, description, services (its admins)")
    Mono<OrganizationProfile> profile(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Callers.staff(user);
        return profiles.view(user, id).map(CabinetProfiles.View::profile);
    }

    @PutMapping("/api/v1/cabinet/organizations/{id}/profile")
    @Operation(summary = "Replaces the organisation's details (its admins); the public page shows them within seconds. "
            + "Name, UNP and parent are changed by the moderators on request")
    @ApiResponse(responseCode = "200", description = "The details as now kept, each service with its id")
    @ApiResponse(responseCode = "400", description = "A field is missing, too long or malformed (each named)")
    Mono<OrganizationProfile> replaceProfile(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                             @RequestBody OrganizationProfile profile) {
        Callers.staff(user);
        return profiles.replace(user, id, profile);
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/change-requests")
    @Operation(summary = "The organisation's name, UNP and parent now, and its requests to change them, newest first "
            + "(its admins)")
    Mono<ChangeRequestRecords.Changes> changeRequests(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Callers.staff(user);
        return profiles.changeRequests(user, id);
    }

    @PostMapping("/api/v1/cabinet/organizations/{id}/change-requests")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Asks the moderators to change the organisation's name, UNP or parent (its admins)")
    @ApiResponse(responseCode = "201", description = "The request, pending")
    @ApiResponse(responseCode = "400", description = "Nothing to change, or a field malformed (each named)")
    Mono<ChangeRequestRecords.View> requestChange(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                                 @RequestBody ChangeRequestRecords.Submission submission) {
        Callers.staff(user);
        return profiles.requestChange(user, id, submission);
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/audit")
    @Operation(summary = "Who did what in the subtree's cabinet, newest first (organisation admins)")
    Mono<Page<AuditLog.Entry>> audit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                     @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size) {
        Callers.staff(user);
        return settings.audit(user, id, PageRequest.of(page, size));
    }

    private static ResponseEntity<Flux<DataBuffer>> send(CabinetFiles.File file, ContentDisposition.Builder disposition) {
        return ResponseEntity.ok().contentType(file.type())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.filename(file.name()).build().toString())
                .body(file.body());
    }

    /** The poster's language: {@code lang} when given (ru, be, en; else 400), else the request's. */
    private static Locale language(String lang, Locale requested) {
        if (lang == null) {
            return requested;
        }
        Locale chosen = Languages.supported(lang);
        if (chosen == null) {
            throw ApiException.invalid("lang", "validation.format");
        }
        return chosen;
    }
}

package by.ocenka.cabinet.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetAccess.Need;
import by.ocenka.cabinet.CabinetAccess;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.HeavyRequests;
import by.ocenka.platform.Languages;
import by.ocenka.platform.Minsk;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.platform.PublicUrls;
import by.ocenka.platform.SpooledFiles;
import by.ocenka.rating.CabinetRecords.Analytics;
import by.ocenka.rating.CabinetRecords.CabinetQuestionnaire;
import by.ocenka.rating.CabinetRecords.FeedFilter;
import by.ocenka.rating.CabinetRecords.ReplyCreated;
import by.ocenka.rating.ExtraCriteria.ExtraCriterion;
import by.ocenka.rating.ExtraCriteria;
import by.ocenka.rating.Replies;
import by.ocenka.rating.SubtreeAnalytics;
import by.ocenka.rating.SubtreeFeed;
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
import reactor.core.scheduler.Schedulers;

/** The organisation's cabinet over HTTP: its organisations, the feed (paged and live), replies, analytics, audit. */
@RestController
@Tag(name = "Cabinet")
class CabinetController {

    /** An organisation the user manages, and how many organisations its subtree holds. */
    record ManagedOrganization(long id, String name, int subtreeSize,
                               @Schema(allowableValues = {"ORG_ADMIN", "ORG_RESPONDER"}) String role) {
    }

    record ReplyRequest(String text) {
    }

    /** An export covers at most this many days (a year and a month): a longer history is several files. */
    static final int MAX_EXPORT_DAYS = 400;

    /** A batch of posters prints at most this many organisations (the head and its units by depth). */
    static final int MAX_POSTERS = 500;

    private final CabinetAccess scope;
    private final Organizations organizations;
    private final SubtreeFeed feed;
    private final Replies replies;
    private final SubtreeAnalytics analytics;
    private final AuditLog audit;
    private final by.ocenka.platform.LiveStreams streams;
    private final HeavyRequests heavy;
    private final Posters posters;
    private final ExtraCriteria extraCriteria;
    private final PublicUrls urls;
    private final Clock clock;

    CabinetController(CabinetAccess scope, Organizations organizations, SubtreeFeed feed, Replies replies,
                      SubtreeAnalytics analytics, AuditLog audit, Posters posters, PublicUrls urls, Clock clock,
                      ExtraCriteria extraCriteria, by.ocenka.platform.LiveStreams streams, HeavyRequests heavy) {
        this.streams = streams;
        this.heavy = heavy;
        this.extraCriteria = extraCriteria;
        this.posters = posters;
        this.urls = urls;
        this.clock = clock;
        this.scope = scope;
        this.organizations = organizations;
        this.feed = feed;
        this.replies = replies;
        this.analytics = analytics;
        this.audit = audit;
    }

    @GetMapping("/api/v1/cabinet/organizations")
    @Operation(summary = "The organisations this user manages or answers for, with the size of each subtree")
    Mono<List<ManagedOrganization>> organizations(@AuthenticationPrincipal CurrentUser user) {
        Callers.staff(user);
        Set<Long> admin = user.adminOf();
        List<Long> ids = user.staffOf();
        return Mono.zip(organizations.names(ids), organizations.subtreeSizes(ids)).map(t -> ids.stream()
                .filter(t.getT1()::containsKey)
                .map(id -> new ManagedOrganization(id, t.getT1().get(id), t.getT2().getOrDefault(id, 1),
                        admin.contains(id) ? Role.ORG_ADMIN.name() : Role.ORG_RESPONDER.name()))
                .sorted(Comparator.comparing(ManagedOrganization::name))
                .toList());
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
        Mono<Long> checked = scope.check(user, id, Need.READ);
        if (unit != null) {
            // A unit must lie in this subtree: checked as any organisation (it is in scope when the root is).
            checked = checked.then(organizations.ancestors(unit)).flatMap(ancestors -> ancestors.contains(id) ? Mono.just(id)
                    : Mono.error(ApiException.invalid("unit", "validation.unit")));
        }
        return checked.then(feed.page(id, new FeedFilter(from, to, unit, maxMean, withComment, replied), request));
    }

    @GetMapping(path = "/api/v1/cabinet/organizations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The subtree's new questionnaires, live (event questionnaire; Last-Event-ID resumes)")
    @ApiResponse(responseCode = "200", description = "The stream, until the client leaves")
    @ApiResponse(responseCode = "429", description = "Too many streams open from this address")
    @ApiResponse(responseCode = "503", description = "Too many streams open on this instance")
    Flux<ServerSentEvent<CabinetQuestionnaire>> events(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                                       @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                                       org.springframework.web.server.ServerWebExchange exchange) {
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
        return scope.check(user, id, Need.READ).flatMapMany(root -> streams.openWhileSessionHolds(exchange, () -> feed.stream(root, resumeAfter)));
    }

    @PostMapping("/api/v1/cabinet/questionnaires/{id}/reply")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "The organisation's official reply to a questionnaire (one; public; mailed to the author)")
    @ApiResponse(responseCode = "400", description = "The text is empty or over 4,000 characters")
    @ApiResponse(responseCode = "409", description = "The questionnaire is answered already")
    Mono<ReplyCreated> reply(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                             @RequestBody(required = false) ReplyRequest request, Locale locale) {
        Callers.staff(user);
        return feed.organizationOf(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("questionnaire-not-found", id)))
                .flatMap(organization -> scope.check(user, organization, Need.READ))
                .then(replies.reply(id, request == null ? null : request.text(), user, locale));
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/analytics")
    @Operation(summary = "The subtree's figures for a period: totals, criteria, months, units with ranks, replies")
    Mono<Analytics> analytics(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Callers.staff(user);
        return scope.check(user, id, Need.READ).then(analytics.analytics(id, from, to));
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/export")
    @Operation(summary = "The subtree's questionnaires of a period (at most 400 days) as a CSV or XLSX file, streamed (by "
            + "default the last twelve months)")
    @ApiResponse(responseCode = "429", description = "Two exports or poster sets of this user are running already")
    @ApiResponse(responseCode = "200", description = "The file, as an attachment", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    schema = @Schema(type = "string", format = "binary"))})
    Mono<ResponseEntity<Flux<DataBuffer>>> export(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                                  @RequestParam(required = false) String format,
                                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                                  ServerWebExchange exchange) {
        Callers.staff(user);
        String kind = format == null ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("xlsx")) {
            return Mono.error(ApiException.invalid("format", "validation.format"));
        }
        LocalDate end = to != null ? to : Minsk.today(clock);
        LocalDate start = from != null ? from : SubtreeAnalytics.defaultFrom(end);
        if (start.isAfter(end)) {
            return Mono.error(ApiException.invalid("from", "validation.period"));
        }
        if (start.plusDays(MAX_EXPORT_DAYS).isBefore(end)) {
            return Mono.error(ApiException.invalid("from", "validation.period.too-long", MAX_EXPORT_DAYS));
        }
        var buffers = exchange.getResponse().bufferFactory();
        String file = "ocenka-" + id + "-" + start + "-" + end + "." + kind;
        return scope.check(user, id, Need.READ)
                .then(heavy.acquire(user.id()))
                .flatMap(place -> audit.record(user.id(), "questionnaires.export", "organization:" + id, id,
                                java.util.Map.of("format", kind, "from", start.toString(), "to", end.toString()))
                        .doOnError(e -> place.run())
                        .thenReturn(place))
                .map(place -> {
                    var rows = feed.period(id, start, end);
                    Flux<DataBuffer> body = HeavyRequests.holding(place, kind.equals("csv")
                            ? QuestionnaireExport.csv(rows, buffers) : QuestionnaireExport.xlsx(rows, buffers));
                    MediaType type = kind.equals("csv") ? MediaType.parseMediaType("text/csv;charset=UTF-8")
                            : MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                    return ResponseEntity.ok().contentType(type)
                            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                            .body(body);
                });
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/poster")
    @Operation(summary = "A printable A4 poster (PDF or SVG) with the QR code, the name and a call to rate")
    @ApiResponse(responseCode = "200", description = "The poster, inline", content = {
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string"))})
    Mono<ResponseEntity<byte[]>> poster(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                        @RequestParam(required = false) String format,
                                        @RequestParam(required = false) String lang, Locale locale) {
        Callers.staff(user);
        String kind = format == null ? "pdf" : format.strip().toLowerCase(Locale.ROOT);
        if (!kind.equals("pdf") && !kind.equals("svg")) {
            return Mono.error(ApiException.invalid("format", "validation.format"));
        }
        Locale language = language(lang, locale);
        return scope.check(user, id, Need.READ)
                .then(organizations.names(List.of(id)))
                .flatMap(names -> Mono.fromCallable(() -> {
                    Posters.Poster poster = new Posters.Poster(names.get(id), urls.rateUrl(id));
                    return kind.equals("pdf") ? posters.pdf(List.of(poster), language) : posters.svg(poster, language);
                }).subscribeOn(Schedulers.boundedElastic()))
                .map(bytes -> ResponseEntity.ok()
                        .contentType(kind.equals("pdf") ? MediaType.APPLICATION_PDF : MediaType.valueOf("image/svg+xml"))
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                                .filename("poster-" + id + "." + kind).build().toString())
                        .body(bytes));
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
        Locale language = language(lang, locale);
        var buffers = exchange.getResponse().bufferFactory();
        // The place is taken only once the caller may have the posters, and given back if listing them fails.
        return scope.check(user, id, Need.READ)
                .then(heavy.acquire(user.id()))
                .flatMap(place -> organizations.subtree(id, MAX_POSTERS)
                        .flatMap(ids -> organizations.names(ids).map(names -> ids.stream()
                                .map(unit -> new Posters.Poster(names.get(unit), urls.rateUrl(unit))).toList()))
                        .doOnError(e -> place.run())
                        .doOnCancel(place)
                        .map(list -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                        .filename("posters-" + id + ".pdf").build().toString())
                                .body(HeavyRequests.holding(place,
                                        SpooledFiles.send(out -> posters.pdf(list, language, out), buffers)))));
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/criteria")
    @Operation(summary = "The extra criteria the organisation sets for itself and its subtree")
    Mono<List<ExtraCriterion>> criteria(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Callers.staff(user);
        return scope.check(user, id, Need.READ).then(extraCriteria.of(id));
    }

    @PutMapping("/api/v1/cabinet/organizations/{id}/criteria")
    @Operation(summary = "Replaces the organisation's extra criteria (organisation admins); past answers are kept")
    Mono<List<ExtraCriterion>> replaceCriteria(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                               @RequestBody List<ExtraCriterion> criteria) {
        Callers.staff(user);
        return scope.check(user, id, Need.MANAGE).then(extraCriteria.replace(id, criteria, user));
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/audit")
    @Operation(summary = "Who did what in the subtree's cabinet, newest first (organisation admins)")
    Mono<Page<AuditLog.Entry>> audit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                     @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size) {
        Callers.staff(user);
        PageRequest request = PageRequest.of(page, size);
        return scope.check(user, id, Need.MANAGE).then(audit.ofSubtree(id, request));
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

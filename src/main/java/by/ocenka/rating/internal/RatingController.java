package by.ocenka.rating.internal;

import java.util.Locale;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ClientAddress;
import by.ocenka.platform.LiveStreams;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.QuestionnaireModeration;
import by.ocenka.rating.Rankings;
import by.ocenka.rating.RatingRecords.MyRating;
import by.ocenka.rating.RatingRecords.RankingEntry;
import by.ocenka.rating.RatingRecords.RatingAccepted;
import by.ocenka.rating.RatingRecords.RatingRequest;
import by.ocenka.rating.RatingRecords.Review;
import by.ocenka.rating.RatingRecords.Stats;
import by.ocenka.rating.RatingRecords;
import by.ocenka.rating.RatingSubmission;
import by.ocenka.rating.Reviews;
import by.ocenka.rating.Statistics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Rating, reviews, rankings, statistics and the live stream. */
@RestController
@Tag(name = "Rating")
class RatingController {

    private final RatingSubmission submission;
    private final Reviews reviews;
    private final Rankings rankings;
    private final Statistics statistics;
    private final QuestionnaireModeration moderation;
    private final LiveEvents live;
    private final AggregateRebuilder rebuilder;
    private final Organizations organizations;
    private final LiveStreams streams;

    RatingController(RatingSubmission submission, Reviews reviews, Rankings rankings, Statistics statistics,
                     QuestionnaireModeration moderation, LiveEvents live, AggregateRebuilder rebuilder,
                     Organizations organizations, LiveStreams streams) {
        this.streams = streams;
        this.submission = submission;
        this.reviews = reviews;
        this.rankings = rankings;
        this.statistics = statistics;
        this.moderation = moderation;
        this.live = live;
        this.rebuilder = rebuilder;
        this.organizations = organizations;
    }

    @PostMapping("/api/v1/organizations/{id}/ratings")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Rate an organisation: 201 committed; 409 daily limit (retryAfter); 400; 401; 403 unconfirmed; "
            + "404; 503", description = "Needs a confirmed e-mail. scores holds every criterion of the organisation's "
            + "criteria (base and extra), each 1–5; the comment at most 2,000 characters; the service date not in the "
            + "future.")
    @ApiResponse(responseCode = "201", description = "Committed: the questionnaire and the organisation's new figures; "
            + "held true when fair play holds it for the moderators (a burst, the organisation's own staff: it counts "
            + "once released, and the figures are the organisation's as they stand; docs/FAIRPLAY.md)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RatingAccepted.class),
                    examples = @ExampleObject(value = """
                            {"id": 1812, "organizationId": 42, "mean": 4.6, "createdAt": "2026-11-21T10:15:30+03:00",
                             "organization": {"score": 4.31, "ratingsCount": 128, "satisfaction": 87.5}, "held": false}""")))
    @ApiResponse(responseCode = "403", description = "The e-mail is not confirmed, or no CSRF token")
    @ApiResponse(responseCode = "409", description = "This citizen already rated this organisation today (Minsk time); "
            + "retryAfter is the next Minsk midnight",
            content = @Content(examples = @ExampleObject(value = """
                    {"type": "https://ocenka.by/problems/daily-limit", "title": "Уже оценено сегодня", "status": 409,
                     "instance": "/api/v1/organizations/42/ratings", "retryAfter": "2026-11-22T00:00+03:00"}""")))
    @ApiResponse(responseCode = "503", description = "Storage unavailable: nothing kept, the daily limit not spent")
    Mono<RatingAccepted> rate(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                              @RequestBody RatingRequest request, ServerWebExchange exchange) {
        return submission.submit(Callers.signedIn(user), id, request, ClientAddress.of(exchange));
    }

    @GetMapping("/api/v1/organizations/{id}/reviews")
    @Operation(summary = "Published questionnaires of an organisation, newest first")
    Mono<Page<Review>> reviews(@PathVariable long id, @RequestParam(required = false) Integer page,
                               @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return organizations.isActive(id).flatMap(active -> active ? reviews.reviews(id, request)
                : Mono.error(ApiException.notFound("organization-not-found", id)));
    }

    @GetMapping(path = "/api/v1/organizations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live: event 'rating' with the organisation's new figures for every accepted questionnaire "
            + "(never the questionnaire's own mean: questionnaireMean is null); a comment every 15 s; 429/503 past the caps")
    @ApiResponse(responseCode = "200", description = "The stream, until the client leaves")
    @ApiResponse(responseCode = "429", description = "Too many streams open from this address")
    @ApiResponse(responseCode = "503", description = "Too many streams open on this instance")
    Flux<ServerSentEvent<RatingRecords.LiveFigures>> events(@PathVariable long id, ServerWebExchange exchange) {
        return organizations.isActive(id).flatMapMany(active -> active
                ? streams.open(exchange, () -> live.stream(id))
                : Flux.error(ApiException.notFound("organization-not-found", id)));
    }

    @GetMapping("/api/v1/me/ratings")
    @Operation(summary = "The citizen's own questionnaires, newest first")
    Mono<Page<MyRating>> mine(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        Callers.signedIn(user);
        return reviews.mine(user.id(), PageRequest.of(page, size));
    }

    @GetMapping("/api/v1/rankings")
    @Operation(summary = "A ranking (scope country, sphere, region, district or parent with its id), best first, "
            + "with changes; order official (the score; too few questionnaires listed after, unranked) or fair (allows "
            + "for the number of ratings)",
            description = "scope=country (no id); scope=sphere&id={sphere}, narrowed to one region with region={region} "
                    + "(e.g. the polyclinics of the Minsk region: scope=sphere&id=1&region=5); scope=region&id={region}; "
                    + "scope=district&id={district} (every organisation of the district, from /api/v1/regions); "
                    + "scope=parent&id={organisation} (its subordinates). region with another scope, an unknown scope "
                    + "or order: 400 naming the parameter; an id that names nothing: an empty ranking.")
    Mono<Page<RankingEntry>> rankings(@RequestParam(required = false) String scope, @RequestParam(required = false) Long id,
                                      @Parameter(description = "with scope=sphere only: the sphere's organisations "
                                              + "in this region", example = "5")
                                      @RequestParam(required = false) Integer region,
                                      @RequestParam(required = false) String order,
                                      @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size, Locale locale) {
        return rankings.ranking(Rankings.Scope.parse(scope), id, region, Rankings.Order.parse(order),
                PageRequest.of(page, size), locale);
    }

    @GetMapping("/api/v1/stats")
    @Operation(summary = "The country's figures: totals, average score, satisfaction, by sphere and by month")
    Mono<Stats> stats(Locale locale) {
        return statistics.stats(locale);
    }

    @PostMapping("/api/v1/moderation/questionnaires/{id}/hide")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Hide a questionnaire: it leaves the aggregates exactly")
    Mono<Void> hide(@AuthenticationPrincipal CurrentUser caller, @PathVariable long id) {
        Callers.moderator(caller);
        return moderation.hide(id).then();
    }

    @PostMapping("/api/v1/moderation/questionnaires/{id}/restore")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Publish a hidden questionnaire again: it rejoins the aggregates exactly")
    Mono<Void> restore(@AuthenticationPrincipal CurrentUser caller, @PathVariable long id) {
        Callers.moderator(caller);
        return moderation.restore(id).then();
    }

    @PostMapping("/api/v1/admin/aggregates/rebuild")
    @Operation(summary = "Recompute every aggregate and ranking in Redis from PostgreSQL (admins)")
    Mono<Rebuilt> rebuild(@AuthenticationPrincipal CurrentUser caller) {
        Callers.admin(caller);
        return rebuilder.rebuild().map(r -> new Rebuilt(r.totals().size()));
    }

    /** How many organisations have figures after a rebuild. */
    record Rebuilt(int organizations) {
    }
}

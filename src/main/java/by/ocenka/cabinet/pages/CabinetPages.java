package by.ocenka.cabinet.pages;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetRecords.FeedFilter;
import by.ocenka.cabinet.CabinetRecords.ManagedOrganization;
import by.ocenka.cabinet.internal.CabinetOverview;
import by.ocenka.cabinet.internal.CabinetReplies;
import by.ocenka.cabinet.internal.QuestionnaireReviews;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.platform.PageRequest;
import by.ocenka.web.PageController;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organisation's cabinet as pages: the organisations a staff member manages, and for one of them its subtree's
 * feed (filters, paging, new questionnaires live), the reply box under every questionnaire, the year's figures with a
 * chart and the units' table, and links to exports and posters. Works without JavaScript but for the live part.
 */
@PageController
class CabinetPages {

    static final String CABINET = "cabinet/cabinet";
    static final String CABINETS = "cabinet/cabinets";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The reasons a bulk reply skips a questionnaire for, as the page names them. */
    private static final Set<String> SKIP_REASONS =
            Set.of("already-replied", "outside-scope", "not-found", "held", "unavailable", "too-long");

    private final CabinetOverview overview;
    private final CabinetReplies replies;
    private final QuestionnaireReviews reviews;

    CabinetPages(CabinetOverview overview, CabinetReplies replies, QuestionnaireReviews reviews) {
        this.reviews = reviews;
        this.overview = overview;
        this.replies = replies;
    }

    @GetMapping("/cabinet")
    Mono<Rendering> cabinets(ServerWebExchange exchange) {
        return CurrentUser.of(exchange).flatMap(user -> {
            List<Long> ids = user.staffOf();
            if (ids.isEmpty() && !user.has(Role.ADMIN)) {
                // Signed in, but no organisation's staff: the cabinet is not theirs (the error page says so).
                return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden"));
            }
            if (ids.size() == 1) {
                return Mono.just(Rendering.redirectTo("/cabinet/" + ids.get(0)).build());
            }
            return overview.managed(user).map(managed -> Rendering.view(CABINETS)
                    .modelAttribute("names", managed.stream().collect(Collectors.toMap(
                            ManagedOrganization::id, ManagedOrganization::name)))
                    .modelAttribute("sizes", managed.stream().collect(Collectors.toMap(
                            ManagedOrganization::id, ManagedOrganization::subtreeSize)))
                    .modelAttribute("ids", ids).build());
        }).switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=/cabinet").build()));
    }

    @GetMapping("/cabinet/{id}")
    Mono<Rendering> cabinet(@PathVariable long id,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                            @RequestParam(required = false) BigDecimal maxMean,
                            @RequestParam(required = false) Boolean withComment,
                            @RequestParam(required = false) Boolean replied,
                            @RequestParam(required = false) Long unit,
                            @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Long answered,
                            @RequestParam(required = false) Long corrected,
                            @RequestParam(required = false) Long reviewRequested,
                            @RequestParam(required = false) String error,
                            @RequestParam(required = false) Integer bulkReplied,
                            @RequestParam(required = false) String skipped,
                            ServerWebExchange exchange) {
        FeedFilter filter = new FeedFilter(from, to, unit, maxMean, withComment, replied);
        return CurrentUser.of(exchange)
                .flatMap(user -> overview.of(user, id, filter, PageRequest.of(page, 20), Languages.of(exchange)).map(view -> {
                    var figures = view.figures();
                    Map<String, Object> chart = Map.of(
                            "months", figures.byMonth().stream().map(m -> m.month()).toList(),
                            "scores", figures.byMonth().stream().map(m -> m.score()).toList(),
                            "counts", figures.byMonth().stream().map(m -> m.ratingsCount()).toList());
                    return Rendering.view(CABINET)
                            .modelAttribute("organizationId", id)
                            .modelAttribute("organizationName", view.name())
                            .modelAttribute("feed", view.feed())
                            .modelAttribute("figures", figures)
                            .modelAttribute("criteria", view.criteria())
                            .modelAttribute("criterionNames", view.criterionNames())
                            .modelAttribute("comparison", view.comparison())
                            .modelAttribute("reviews", view.reviews())
                            .modelAttribute("templates", view.templates())
                            .modelAttribute("bulkReplied", bulkReplied)
                            .modelAttribute("bulkSkipped", bulkSkipped(skipped))
                            .modelAttribute("reviewRequested", reviewRequested)
                            .modelAttribute("chart", JSON.writeValueAsString(chart))
                            .modelAttribute("filter", filter)
                            .modelAttribute("manages", view.manages())
                            .modelAttribute("error", error)
                            .modelAttribute("answered", answered)
                            .modelAttribute("corrected", corrected)
                            .modelAttribute("correctionMinutes", CabinetReplies.CORRECTION_WINDOW.toMinutes())
                            .modelAttribute("filters", exchange.getRequest().getURI().getRawQuery() == null ? ""
                                    : exchange.getRequest().getURI().getRawQuery())
                            .build();
                }))
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=/cabinet/" + id).build()));
    }

    /**
     * The reply box: back to the same feed (its filters and page, sent with the form), which confirms the reply was
     * published and lets its author correct it for a while; with the problem in words when the reply was refused.
     */
    @PostMapping("/cabinet/{id}/questionnaires/{questionnaireId}/reply")
    Mono<Rendering> reply(@PathVariable long id, @PathVariable long questionnaireId, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> CurrentUser.of(exchange)
                .flatMap(user -> replies.reply(user, questionnaireId, form.getFirst("text"), Languages.of(exchange))
                        .map(created -> back(id, form.getFirst("back"), "answered=" + questionnaireId, questionnaireId))
                        .onErrorResume(ApiException.class, e -> e.status().value() == 403 ? Mono.error(e)
                                : Mono.just(back(id, form.getFirst("back"), "error=" + e.status().value(), questionnaireId))))
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=/cabinet/" + id).build())));
    }

    /**
     * One text to the questionnaires ticked in the feed: back to the same feed saying how many were answered and,
     * for each one skipped, why (already answered, held, outside the scope, not found).
     */
    @PostMapping("/cabinet/{id}/replies")
    Mono<Rendering> replyToMany(@PathVariable long id, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> CurrentUser.of(exchange)
                .flatMap(user -> {
                    List<Long> ids;
                    try {
                        ids = form.getOrDefault("questionnaireIds", List.of()).stream().map(Long::valueOf).toList();
                    } catch (NumberFormatException e) {
                        return Mono.just(back(id, form.getFirst("back"), "error=400", null));
                    }
                    return replies.replyToManyFrom(user, id, ids, form.getFirst("text"), Languages.of(exchange))
                            .map(done -> back(id, form.getFirst("back"), "bulkReplied=" + done.replied().size()
                                    + (done.skipped().isEmpty() ? "" : "&skipped=" + done.skipped().stream()
                                            .map(s -> s.id() + ":" + s.reason()).collect(Collectors.joining(","))), null))
                            .onErrorResume(ApiException.class, e -> e.status().value() == 403 ? Mono.error(e)
                                    : Mono.just(back(id, form.getFirst("back"), ids.isEmpty() ? "error=none-ticked"
                                            : "error=" + e.status().value(), null)));
                })
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=/cabinet/" + id).build())));
    }

    /** The questionnaires a bulk reply skipped, from the redirect: id → reason (only the reasons the page can name). */
    private static Map<Long, String> bulkSkipped(String skipped) {
        Map<Long, String> result = new LinkedHashMap<>();
        if (skipped == null || !skipped.matches("[0-9]{1,19}:[a-z-]{1,30}(,[0-9]{1,19}:[a-z-]{1,30}){0,99}")) {
            return result;
        }
        for (String item : skipped.split(",")) {
            String[] parts = item.split(":");
            if (SKIP_REASONS.contains(parts[1])) {
                result.put(Long.valueOf(parts[0]), parts[1]);
            }
        }
        return result;
    }

    /** Corrects a reply just posted (see {@link CabinetReplies#CORRECTION_WINDOW}). */
    @PostMapping("/cabinet/{id}/questionnaires/{questionnaireId}/reply/correct")
    Mono<Rendering> correct(@PathVariable long id, @PathVariable long questionnaireId, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> CurrentUser.of(exchange)
                .flatMap(user -> replies.correct(user, questionnaireId, form.getFirst("text"))
                        .map(corrected -> back(id, form.getFirst("back"), "corrected=" + questionnaireId, questionnaireId))
                        .onErrorResume(ApiException.class, e -> e.status().value() == 403 ? Mono.error(e)
                                : Mono.just(back(id, form.getFirst("back"), "error=" + e.status().value(), questionnaireId))))
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=/cabinet/" + id).build())));
    }

    /** Asks the moderators to review a questionnaire the staff believe is not genuine. */
    @PostMapping("/cabinet/{id}/questionnaires/{questionnaireId}/review")
    Mono<Rendering> requestReview(@PathVariable long id, @PathVariable long questionnaireId, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> CurrentUser.of(exchange)
                .flatMap(user -> reviews.request(user, questionnaireId, form.getFirst("reason"))
                        .map(filed -> back(id, form.getFirst("back"), "reviewRequested=" + questionnaireId, questionnaireId))
                        .onErrorResume(ApiException.class, e -> e.status().value() == 403 ? Mono.error(e)
                                : Mono.just(back(id, form.getFirst("back"), "error=" + e.status().value(), questionnaireId))))
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=/cabinet/" + id).build())));
    }

    /** Back to the feed as it was filtered (only plain query characters are kept: the path is always the cabinet's). */
    private static Rendering back(long id, String filters, String outcome, Long questionnaireId) {
        String kept = filters == null || !filters.matches("[A-Za-z0-9=&%._+-]{0,500}") ? "" : filters;
        kept = Arrays.stream(kept.split("&"))
                .filter(p -> !p.isEmpty() && !p.startsWith("answered=") && !p.startsWith("corrected=") && !p.startsWith("error=")
                        && !p.startsWith("reviewRequested=") && !p.startsWith("bulkReplied=") && !p.startsWith("skipped="))
                .collect(Collectors.joining("&"));
        return Rendering.redirectTo("/cabinet/" + id + "?" + (kept.isEmpty() ? "" : kept + "&") + outcome
                // A bulk reply lands on what the page says of it (a phone's screen would show the filters).
                + (questionnaireId == null ? (outcome.startsWith("bulkReplied=") ? "#bulk-done" : "#reply-error")
                : "#q" + questionnaireId)).build();
    }
}

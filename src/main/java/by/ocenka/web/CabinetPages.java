package by.ocenka.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.cabinet.CabinetAccess;
import by.ocenka.cabinet.CabinetAccess.Need;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.CabinetRecords.FeedFilter;
import by.ocenka.rating.Replies;
import by.ocenka.rating.SubtreeAnalytics;
import by.ocenka.rating.SubtreeFeed;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
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
@Controller
class CabinetPages {

    static final String CABINET = "cabinet";
    static final String CABINETS = "cabinets";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CabinetAccess access;
    private final Organizations organizations;
    private final SubtreeFeed feed;
    private final Replies replies;
    private final SubtreeAnalytics analytics;

    CabinetPages(CabinetAccess access, Organizations organizations, SubtreeFeed feed, Replies replies,
                 SubtreeAnalytics analytics) {
        this.access = access;
        this.organizations = organizations;
        this.feed = feed;
        this.replies = replies;
        this.analytics = analytics;
    }

    @GetMapping("/cabinet")
    Mono<Rendering> cabinets(ServerWebExchange exchange) {
        return PageModel.currentUser(exchange).flatMap(user -> {
            List<Long> ids = user.staffOf();
            if (ids.isEmpty() && !user.has(by.ocenka.account.Role.ADMIN)) {
                // Signed in, but no organisation's staff: the cabinet is not theirs (the error page says so).
                return Mono.error(new by.ocenka.platform.ApiException(org.springframework.http.HttpStatus.FORBIDDEN, "forbidden"));
            }
            if (ids.size() == 1) {
                return Mono.just(Rendering.redirectTo("/cabinet/" + ids.get(0)).build());
            }
            return Mono.zip(organizations.names(ids), organizations.subtreeSizes(ids))
                    .map(t -> Rendering.view(CABINETS).modelAttribute("names", t.getT1())
                            .modelAttribute("sizes", t.getT2()).modelAttribute("ids", ids).build());
        }).switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=/cabinet").build()));
    }

    @GetMapping("/cabinet/{id}")
    Mono<Rendering> cabinet(@PathVariable long id,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                            @RequestParam(required = false) BigDecimal maxMean,
                            @RequestParam(required = false) Boolean withComment,
                            @RequestParam(required = false) Boolean replied,
                            @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) String error,
                            ServerWebExchange exchange) {
        FeedFilter filter = new FeedFilter(from, to, null, maxMean, withComment, replied);
        return PageModel.currentUser(exchange)
                .flatMap(user -> access.check(user, id, Need.READ).then(Mono.zip(
                        organizations.names(List.of(id)),
                        feed.page(id, filter, PageRequest.of(page, 20)),
                        analytics.analytics(id, null, null))
                        .map(t -> {
                            var figures = t.getT3();
                            Map<String, Object> chart = Map.of(
                                    "months", figures.byMonth().stream().map(m -> m.month()).toList(),
                                    "scores", figures.byMonth().stream().map(m -> m.score()).toList(),
                                    "counts", figures.byMonth().stream().map(m -> m.ratingsCount()).toList());
                            return Rendering.view(CABINET)
                                    .modelAttribute("organizationId", id)
                                    .modelAttribute("organizationName", t.getT1().get(id))
                                    .modelAttribute("feed", t.getT2())
                                    .modelAttribute("figures", figures)
                                    .modelAttribute("chart", JSON.writeValueAsString(chart))
                                    .modelAttribute("filter", filter)
                                    .modelAttribute("manages", CabinetAccess.covers(user, List.of(id), Need.MANAGE))
                                    .modelAttribute("error", error)
                                    .build();
                        })))
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=/cabinet/" + id).build()));
    }

    /** The reply box: back to the feed, with the problem in words when the reply was refused. */
    @PostMapping("/cabinet/{id}/questionnaires/{questionnaireId}/reply")
    Mono<Rendering> reply(@PathVariable long id, @PathVariable long questionnaireId, ServerWebExchange exchange) {
        Locale locale = PageModel.locale(exchange);
        return exchange.getFormData().flatMap(form -> PageModel.currentUser(exchange)
                .flatMap(user -> feed.organizationOf(questionnaireId)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("questionnaire-not-found", questionnaireId)))
                        .flatMap(organization -> access.check(user, organization, Need.READ))
                        .then(replies.reply(questionnaireId, text(form), user, locale))
                        .map(created -> Rendering.redirectTo("/cabinet/" + id + "#q" + questionnaireId).build())
                        .onErrorResume(ApiException.class, e -> e.status().value() == 403 ? Mono.error(e)
                                : Mono.just(Rendering.redirectTo("/cabinet/" + id + "?error=" + e.status().value()
                                        + "#q" + questionnaireId).build())))
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=/cabinet/" + id).build())));
    }

    private static String text(MultiValueMap<String, String> form) {
        return form.getFirst("text");
    }
}

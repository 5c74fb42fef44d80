package by.ocenka.rating.pages;

import java.util.List;

import by.ocenka.catalog.CatalogRecords.SphereView;
import by.ocenka.catalog.CatalogService;
import by.ocenka.catalog.OrganizationQuery;
import by.ocenka.platform.Languages;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.Rankings;
import by.ocenka.rating.RatingRecords.RankingEntry;
import by.ocenka.rating.Statistics;
import by.ocenka.web.PageController;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The home page and the search: the two ways in besides a QR code. */
@PageController
class HomePages {

    static final String HOME = "rating/home";
    static final String SEARCH = "rating/search";

    private final CatalogService catalog;
    private final Rankings rankings;
    private final Statistics statistics;

    HomePages(CatalogService catalog, Rankings rankings, Statistics statistics) {
        this.catalog = catalog;
        this.rankings = rankings;
        this.statistics = statistics;
    }

    /** Search bar, the spheres with their counts, the best and the most improved, the country's figures. */
    @GetMapping("/")
    Mono<Rendering> home(ServerWebExchange exchange) {
        var locale = Languages.of(exchange);
        return Mono.zip(catalog.spheres(locale), statistics.stats(locale),
                        rankings.ranking(Rankings.Scope.COUNTRY, null, Rankings.Order.OFFICIAL, new PageRequest(0, 5), locale),
                        statistics.improved(5, locale))
                .map(t -> Rendering.view(HOME)
                        .modelAttribute("spheres", t.getT1())
                        .modelAttribute("stats", t.getT2())
                        // The best are those with a position: an organisation with too few questionnaires is not "best".
                        .modelAttribute("best", t.getT3().items().stream().filter(RankingEntry::ranked).toList())
                        .modelAttribute("improved", t.getT4())
                        .build());
    }

    /**
     * The list with its filters and sorts. Typing in the search box asks again through htmx, which takes only the
     * results ({@code HX-Request}); without JavaScript the form's submit does the same as a plain page.
     */
    @GetMapping("/search")
    Mono<Rendering> search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer sphere,
                           @RequestParam(required = false) Integer category, @RequestParam(required = false) Integer region,
                           @RequestParam(required = false) Integer district, @RequestParam(required = false) Long parent,
                           @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                           @RequestParam(required = false) String near, ServerWebExchange exchange) {
        var locale = Languages.of(exchange);
        // Nearest first with neither the browser's position nor a district to measure from: the page says how to get
        // it and lists in the usual order (the API answers 400).
        boolean placeNeeded = sort != null && sort.strip().equalsIgnoreCase("near") && (near == null || near.isBlank())
                && district == null;
        OrganizationQuery query = OrganizationQuery.of(q, sphere, category, region, district, parent,
                sort == null || sort.isBlank() || placeNeeded ? null : sort, page, 20, near);
        boolean fragment = exchange.getRequest().getHeaders().containsHeader("HX-Request")
                && !exchange.getRequest().getHeaders().containsHeader("HX-History-Restore-Request");
        Mono<List<SphereView>> spheres = catalog.spheres(locale);
        return Mono.zip(catalog.searchWithSuggestion(query, locale), spheres, catalog.regions(locale))
                .map(t -> Rendering.view(fragment ? SEARCH + " :: results" : SEARCH)
                        .modelAttribute("query", query)
                        .modelAttribute("q", query.text() == null ? "" : query.text())
                        .modelAttribute("links", new SearchLinks(query))
                        .modelAttribute("results", t.getT1().page())
                        .modelAttribute("didYouMean", t.getT1().didYouMean())
                        .modelAttribute("placeNeeded", placeNeeded)
                        .modelAttribute("spheres", t.getT2())
                        .modelAttribute("sphere", t.getT2().stream().filter(s -> sphere != null && s.id() == sphere)
                                .findFirst().orElse(null))
                        .modelAttribute("regions", t.getT3())
                        .modelAttribute("region", t.getT3().stream().filter(r -> region != null && r.id() == region)
                                .findFirst().orElse(null))
                        .build());
    }
}

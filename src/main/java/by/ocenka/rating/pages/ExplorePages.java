package by.ocenka.rating.pages;

import java.util.Locale;

import by.ocenka.catalog.CatalogService;
import by.ocenka.platform.Languages;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.Rankings;
import by.ocenka.rating.Statistics;
import by.ocenka.web.PageController;
import by.ocenka.web.WebProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The map, the rankings and the infographics. */
@PageController
class ExplorePages {

    private final CatalogService catalog;
    private final Rankings rankings;
    private final Statistics statistics;
    private final WebProperties properties;
    private final JsonMapper json;

    ExplorePages(CatalogService catalog, Rankings rankings, Statistics statistics, WebProperties properties,
                 JsonMapper json) {
        this.catalog = catalog;
        this.rankings = rankings;
        this.statistics = statistics;
        this.properties = properties;
        this.json = json;
    }

    /** Leaflet over {@code /api/v1/map/organizations}; the tiles from the configured server. */
    @GetMapping("/map")
    Mono<Rendering> map(@RequestParam(required = false) Integer sphere, ServerWebExchange exchange) {
        return catalog.spheres(Languages.of(exchange)).map(spheres -> Rendering.view("rating/map")
                .modelAttribute("spheres", spheres)
                .modelAttribute("sphereId", sphere)
                .modelAttribute("tiles", properties.mapTilesUrl())
                .modelAttribute("attribution", properties.mapAttribution())
                .build());
    }

    /** A ranking by country, sphere, region or among a parent's subordinates, with changes since the last snapshot. */
    @GetMapping("/rating")
    Mono<Rendering> rating(@RequestParam(required = false) String scope, @RequestParam(required = false) Long id,
                           @RequestParam(required = false) String order, @RequestParam(required = false) Integer page,
                           ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        Rankings.Scope chosen = Rankings.Scope.parse(scope);
        Rankings.Order ordered = Rankings.Order.parse(order);
        // Choosing a scope without its sphere or region yet shows the country until one is picked.
        Rankings.Scope effective = chosen != Rankings.Scope.COUNTRY && id == null ? Rankings.Scope.COUNTRY : chosen;
        Mono<String> parentName = effective == Rankings.Scope.PARENT
                ? catalog.organization(id, locale).map(o -> o.name()) : Mono.just("");
        return Mono.zip(rankings.ranking(effective, id, ordered, PageRequest.of(page, 50), locale), catalog.spheres(locale),
                        catalog.regions(locale), parentName)
                .map(t -> Rendering.view("rating/ranking")
                        .modelAttribute("entries", t.getT1())
                        .modelAttribute("scope", chosen.name().toLowerCase(Locale.ROOT))
                        .modelAttribute("scopeId", id)
                        .modelAttribute("order", ordered.parameter())
                        .modelAttribute("minForRank", rankings.minForRank())
                        .modelAttribute("spheres", t.getT2())
                        .modelAttribute("regions", t.getT3())
                        .modelAttribute("parentName", t.getT4())
                        .build());
    }

    /** ECharts over the country's statistics; the same figures as tables for readers without charts. */
    @GetMapping("/infographics")
    Mono<Rendering> infographics(ServerWebExchange exchange) {
        return statistics.stats(Languages.of(exchange)).map(stats -> Rendering.view("rating/infographics")
                .modelAttribute("stats", stats)
                .modelAttribute("statsJson", json.writeValueAsString(stats))
                .build());
    }
}

package by.ocenka.rating.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import by.ocenka.catalog.CatalogRecords.RegionView;
import by.ocenka.catalog.CatalogRecords.SphereView;
import by.ocenka.catalog.CatalogService;
import by.ocenka.platform.Languages;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.Rankings;
import by.ocenka.rating.RatingRecords.RankingEntry;
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

    /**
     * What the ranking page's form chose: the scope shown in its first select, that scope's sphere, region or parent,
     * the region a sphere's ranking is narrowed to, and the district picked within a region.
     */
    private record Choice(Rankings.Scope scope, Long id, Integer region, Integer district, RegionView regionView) {

        /**
         * A district's ranking is shown as its region's with the district picked; a region's id may come as
         * {@code region} (the form's region select keeps its name when the scope changes). A sphere's region and a
         * region's district that name nothing are dropped.
         */
        static Choice of(Rankings.Scope scope, Long id, Integer region, Integer district, List<RegionView> regions) {
            return switch (scope) {
                case DISTRICT -> regions.stream().filter(r -> id != null && r.districts().stream().anyMatch(d -> d.id() == id))
                        .findFirst().map(r -> new Choice(Rankings.Scope.REGION, (long) r.id(), null, id.intValue(), r))
                        .orElse(new Choice(Rankings.Scope.REGION, null, null, null, null));
                case REGION -> {
                    Long regionId = region != null ? Long.valueOf(region) : id;
                    RegionView view = regions.stream().filter(r -> regionId != null && r.id() == regionId).findFirst().orElse(null);
                    Integer picked = view != null && district != null
                            && view.districts().stream().anyMatch(d -> d.id() == district) ? district : null;
                    yield new Choice(scope, regionId, null, picked, view);
                }
                case SPHERE -> new Choice(scope, id, regions.stream().anyMatch(r -> region != null && r.id() == region)
                        ? region : null, null, null);
                default -> new Choice(scope, id, null, null, null);
            };
        }

        /** The ranking shown: the country's until the scope's sphere, region or parent is picked. */
        Mono<Page<RankingEntry>> ranking(Rankings rankings, Rankings.Order order, Integer page, Locale locale) {
            PageRequest request = PageRequest.of(page, 50);
            if (scope != Rankings.Scope.COUNTRY && id == null) {
                return rankings.ranking(Rankings.Scope.COUNTRY, null, order, request, locale);
            }
            return district != null
                    ? rankings.ranking(Rankings.Scope.DISTRICT, district.longValue(), order, request, locale)
                    : rankings.ranking(scope, id, region, order, request, locale);
        }

        String scopeName() {
            return scope.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A ranking by country, sphere (narrowed to a region or not), region (or one of its districts) or among a parent's
     * subordinates, with changes since the last snapshot; the pager's links keep every choice.
     */
    @GetMapping("/rating")
    Mono<Rendering> rating(@RequestParam(required = false) String scope, @RequestParam(required = false) Long id,
                           @RequestParam(required = false) Integer region, @RequestParam(required = false) Integer district,
                           @RequestParam(required = false) String order, @RequestParam(required = false) Integer page,
                           ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        Rankings.Scope chosen = Rankings.Scope.parse(scope);
        Rankings.Order ordered = Rankings.Order.parse(order);
        return Mono.zip(catalog.regions(locale), catalog.spheres(locale)).flatMap(lists -> {
            Choice choice = Choice.of(chosen, id, region, district, lists.getT1());
            Mono<String> parentName = choice.scope() == Rankings.Scope.PARENT && choice.id() != null
                    ? catalog.organization(choice.id(), locale).map(o -> o.name()) : Mono.just("");
            return Mono.zip(choice.ranking(rankings, ordered, page, locale), parentName).map(t -> Rendering.view("rating/ranking")
                    .modelAttribute("entries", t.getT1())
                    .modelAttribute("scope", choice.scopeName())
                    .modelAttribute("scopeId", choice.id())
                    .modelAttribute("region", choice.region())
                    .modelAttribute("district", choice.district())
                    .modelAttribute("regionView", choice.regionView())
                    .modelAttribute("heading", heading(choice, lists.getT2(), lists.getT1()))
                    .modelAttribute("links", new RankingLinks(choice.scopeName(), choice.id(), choice.region(),
                            choice.district(), ordered.parameter()))
                    .modelAttribute("order", ordered.parameter())
                    .modelAttribute("minForRank", rankings.minForRank())
                    .modelAttribute("spheres", lists.getT2())
                    .modelAttribute("regions", lists.getT1())
                    .modelAttribute("parentName", t.getT2())
                    .build());
        });
    }

    /** Which ranking this is, in words: "Health care — Minsk Region", "Minsk Region — Barysaw District". */
    private static String heading(Choice choice, List<SphereView> spheres, List<RegionView> regions) {
        List<String> names = new ArrayList<>();
        if (choice.scope() == Rankings.Scope.SPHERE) {
            spheres.stream().filter(s -> choice.id() != null && s.id() == choice.id()).findFirst()
                    .ifPresent(s -> names.add(s.name()));
            regions.stream().filter(r -> choice.region() != null && r.id() == choice.region()).findFirst()
                    .ifPresent(r -> names.add(r.name()));
        } else if (choice.regionView() != null) {
            names.add(choice.regionView().name());
            choice.regionView().districts().stream().filter(d -> choice.district() != null && d.id() == choice.district())
                    .findFirst().ifPresent(d -> names.add(d.name()));
        }
        return names.isEmpty() ? null : String.join(" — ", names);
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

package by.ocenka.catalog;

import java.util.List;
import java.util.Locale;

import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.CatalogRecords.RegionView;
import by.ocenka.catalog.CatalogRecords.SphereView;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.web.Languages;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The public catalogue API: spheres, regions, organisations, search. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Catalogue")
class CatalogController {

    private final CatalogService catalog;

    CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/spheres")
    @Operation(summary = "The spheres of life with their categories and the number of organisations")
    Mono<List<SphereView>> spheres(ServerWebExchange exchange) {
        return catalog.spheres(Languages.of(exchange));
    }

    @GetMapping("/regions")
    @Operation(summary = "The oblasts and Minsk with their districts")
    Mono<List<RegionView>> regions(ServerWebExchange exchange) {
        return catalog.regions(Languages.of(exchange));
    }

    @GetMapping("/organizations")
    @Operation(summary = "Search and list organisations",
            description = "q matches names and addresses in Russian with word forms, prefixes and one-letter typos")
    Mono<Page<OrganizationSummary>> organizations(@RequestParam(required = false) String q,
                                                  @RequestParam(required = false) Integer sphere,
                                                  @RequestParam(required = false) Integer category,
                                                  @RequestParam(required = false) Integer region,
                                                  @RequestParam(required = false) Integer district,
                                                  @RequestParam(required = false) Long parent,
                                                  @RequestParam(required = false) String sort,
                                                  @RequestParam(required = false) Integer page,
                                                  @RequestParam(required = false) Integer size,
                                                  ServerWebExchange exchange) {
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > OrganizationQuery.MAX_TEXT) {
            throw ApiException.invalid("q", "validation.tooLong", OrganizationQuery.MAX_TEXT);
        }
        OrganizationQuery query = new OrganizationQuery(text, sphere, category, region, district, parent,
                sort(sort, text), PageRequest.of(page, size));
        return catalog.search(query, Languages.of(exchange));
    }

    @GetMapping("/organizations/{id}")
    @Operation(summary = "One organisation")
    Mono<OrganizationDetail> organization(@PathVariable long id, ServerWebExchange exchange) {
        return catalog.organization(id, Languages.of(exchange));
    }

    @GetMapping("/organizations/{id}/children")
    @Operation(summary = "The organisations directly subordinate to one")
    Mono<Page<OrganizationSummary>> children(@PathVariable long id, @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size, ServerWebExchange exchange) {
        return catalog.children(id, PageRequest.of(page, size), Languages.of(exchange));
    }

    private static OrganizationQuery.Sort sort(String sort, String text) {
        if (sort == null || sort.isBlank()) {
            return text != null ? OrganizationQuery.Sort.RELEVANCE : OrganizationQuery.Sort.NAME;
        }
        try {
            return OrganizationQuery.Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("sort", "validation.unknown");
        }
    }
}

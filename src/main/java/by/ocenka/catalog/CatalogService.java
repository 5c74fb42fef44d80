package by.ocenka.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.CatalogRecords.RegionView;
import by.ocenka.catalog.CatalogRecords.SphereView;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The catalogue's public service: what other features and the pages use. */
@Service
public class CatalogService {

    private final CatalogRepository repository;
    private final CatalogProperties properties;

    CatalogService(CatalogRepository repository, CatalogProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    public Mono<List<SphereView>> spheres(Locale locale) {
        return repository.spheres(locale);
    }

    public Mono<List<RegionView>> regions(Locale locale) {
        return repository.regions(locale);
    }

    /** Searches after checking that every filter names something that exists (else 400 naming the filter). */
    public Mono<Page<OrganizationSummary>> search(OrganizationQuery query, Locale locale) {
        List<Mono<ApiException.FieldProblem>> checks = new ArrayList<>();
        check(checks, "sphere", "sphere", query.sphere());
        check(checks, "category", "category", query.category());
        check(checks, "region", "region", query.region());
        check(checks, "district", "district", query.district());
        check(checks, "parent", "organization", query.parent());
        return Flux.concat(checks).collectList().flatMap(problems -> problems.isEmpty()
                ? repository.search(query, locale) : Mono.error(ApiException.invalid(problems)));
    }

    public Mono<OrganizationDetail> organization(long id, Locale locale) {
        return repository.detail(id, locale, properties.publicBaseUrl())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("organization-not-found", id)));
    }

    /** The active children of an organisation; 404 when the organisation itself is unknown. */
    public Mono<Page<OrganizationSummary>> children(long id, PageRequest page, Locale locale) {
        return repository.exists("organization", id).flatMap(found -> found
                ? repository.search(new OrganizationQuery(null, null, null, null, null, id,
                OrganizationQuery.Sort.NAME, page), locale)
                : Mono.error(ApiException.notFound("organization-not-found", id)));
    }

    /** Where a citizen rates the organisation: the target of its QR code. */
    public String rateUrl(long id) {
        return properties.publicBaseUrl() + "/o/" + id + "/rate";
    }

    private void check(List<Mono<ApiException.FieldProblem>> checks, String field, String table, Number id) {
        if (id != null) {
            checks.add(repository.exists(table, id.longValue()).flatMap(found -> found ? Mono.empty()
                    : Mono.just(new ApiException.FieldProblem(field, "validation.unknown"))));
        }
    }
}

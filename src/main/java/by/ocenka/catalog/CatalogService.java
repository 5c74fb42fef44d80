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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The catalogue's public service: what other features and the pages use. */
@Service
public class CatalogService {

    /** Past this many points in the area the map answers clusters. */
    public static final int MAP_POINTS_LIMIT = 2_000;
    private static final int MAP_GRID_COLUMNS = 48;
    private static final int MAP_GRID_ROWS = 32;

    private final CatalogRepository repository;
    private final CatalogProperties properties;
    private final BroadSearchCache broadSearches;
    private final RegistryImporter registryImporter;
    private final ObjectProvider<OrganizationScores> scores;

    CatalogService(CatalogRepository repository, CatalogProperties properties, BroadSearchCache broadSearches,
                   RegistryImporter registryImporter, ObjectProvider<OrganizationScores> scores) {
        this.repository = repository;
        this.scores = scores;
        this.registryImporter = registryImporter;
        this.properties = properties;
        this.broadSearches = broadSearches;
        // Draw one code at start-up: the first use of ZXing, ImageIO and AWT reads files from the JDK, which must not
        // happen on an event-loop thread (an SVG is drawn there).
        QrCodes.png(QrCodes.class.getName(), QrCodes.MIN_SIZE);
        QrCodes.svg(QrCodes.class.getName(), QrCodes.MIN_SIZE);
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
                ? repository.search(query, locale).flatMap(this::withScores)
                : Mono.error(ApiException.invalid(problems)));
    }

    public Mono<OrganizationDetail> organization(long id, Locale locale) {
        return repository.detail(id, locale, properties.publicBaseUrl())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("organization-not-found", id)))
                .flatMap(detail -> {
                    OrganizationScores source = scores.getIfAvailable();
                    if (source == null) {
                        return Mono.just(detail);
                    }
                    return repository.placement(id)
                            .flatMap(placement -> source.details(id, placement, locale))
                            .map(extra -> detail.withRatings(extra))
                            .defaultIfEmpty(detail);
                });
    }

    /** Summaries with their current scores (unchanged when no rating feature is present). */
    private Mono<List<OrganizationSummary>> withScores(List<OrganizationSummary> items) {
        OrganizationScores source = scores.getIfAvailable();
        if (source == null || items.isEmpty()) {
            return Mono.just(items);
        }
        return source.scores(items.stream().map(OrganizationSummary::id).toList())
                .map(byId -> items.stream().map(item -> item.withScore(byId.getOrDefault(item.id(), OrganizationScores.Score.NONE)))
                        .toList());
    }

    private Mono<Page<OrganizationSummary>> withScores(Page<OrganizationSummary> page) {
        return withScores(page.items()).map(items -> new Page<>(items, page.page(), page.size(), page.total()));
    }

    /** Stores the sortable copies of the organisations' figures (the rating feature's reconciler calls this). */
    public Mono<Void> updateRatings(long[] ids, long[] counts, Double[] scores, Double[] rankScores) {
        return repository.updateRatings(ids, counts, scores, rankScores);
    }

    /** The active children of an organisation; 404 when the organisation itself is unknown. */
    public Mono<Page<OrganizationSummary>> children(long id, PageRequest page, Locale locale) {
        return repository.exists("organization", id).flatMap(found -> found
                ? repository.search(new OrganizationQuery(null, null, null, null, null, id,
                OrganizationQuery.Sort.NAME, page), locale).flatMap(this::withScores)
                : Mono.error(ApiException.notFound("organization-not-found", id)));
    }

    /**
     * The map inside an area: every organisation as a point while there are at most {@value #MAP_POINTS_LIMIT},
     * else clusters on a grid so that a country-wide view stays light.
     */
    public Mono<GeoJson.FeatureCollection> map(MapArea area, Integer sphere) {
        Mono<Void> sphereCheck = sphere == null ? Mono.empty() : repository.exists("sphere", sphere)
                .flatMap(found -> found ? Mono.empty() : Mono.error(ApiException.invalid("sphere", "validation.unknown")));
        return sphereCheck.then(repository.mapPoints(area, sphere, MAP_POINTS_LIMIT + 1))
                .flatMap(points -> points.size() <= MAP_POINTS_LIMIT ? Mono.just(points)
                        : repository.mapClusters(area, sphere, MAP_GRID_COLUMNS, MAP_GRID_ROWS))
                .map(GeoJson.FeatureCollection::new);
    }

    /**
     * The QR code of an active organisation's rating page. PNG drawing runs on a worker thread (ImageIO and the
     * pixel loop are not for the event loop); SVG is a short string.
     */
    public Mono<byte[]> qrCode(long id, QrFormat format, int size) {
        if (size < QrCodes.MIN_SIZE || size > QrCodes.MAX_SIZE) {
            return Mono.error(ApiException.invalid("size", "Size.range", "size", QrCodes.MAX_SIZE, QrCodes.MIN_SIZE));
        }
        String url = rateUrl(id);
        return repository.isActive(id)
                .flatMap(active -> active ? Mono.just(url) : Mono.error(ApiException.notFound("organization-not-found", id)))
                .flatMap(text -> format == QrFormat.SVG ? Mono.fromCallable(() -> QrCodes.svg(text, size))
                        : Mono.fromCallable(() -> QrCodes.png(text, size)).subscribeOn(Schedulers.boundedElastic()));
    }

    public enum QrFormat { PNG, SVG }

    /**
     * Adds an active organisation after checking it against the reference data and the catalogue: 400 naming
     * each field at fault ({@code sphereId}, {@code categoryId}, {@code districtId}, {@code parentId}, {@code unp}).
     */
    public Mono<Long> createOrganization(NewOrganization organization) {
        List<String> unps = organization.unp() == null ? List.of() : List.of(organization.unp());
        Mono<Boolean> parentExists = organization.parentId() == null ? Mono.just(true)
                : repository.exists("organization", organization.parentId());
        return Mono.zip(repository.referenceData(), repository.organizationsByUnp(unps), parentExists)
                .flatMap(t -> {
                    CatalogRepository.ReferenceData reference = t.getT1();
                    List<ApiException.FieldProblem> problems = new ArrayList<>();
                    Integer sphere = reference.sphere(String.valueOf(organization.sphereId()));
                    Integer category = reference.category(String.valueOf(organization.categoryId()));
                    if (sphere == null) {
                        problems.add(new ApiException.FieldProblem("sphereId", "validation.unknown"));
                    }
                    if (category == null) {
                        problems.add(new ApiException.FieldProblem("categoryId", "validation.unknown"));
                    } else if (sphere != null && reference.sphereOfCategory(category) != sphere) {
                        problems.add(new ApiException.FieldProblem("categoryId", "validation.category.sphere"));
                    }
                    if (reference.districts().stream().noneMatch(d -> (int) d[0] == organization.districtId())) {
                        problems.add(new ApiException.FieldProblem("districtId", "validation.unknown"));
                    }
                    if (!t.getT3()) {
                        problems.add(new ApiException.FieldProblem("parentId", "validation.unknown"));
                    }
                    if (organization.unp() != null && !Unp.isValid(organization.unp())) {
                        problems.add(new ApiException.FieldProblem("unp", "validation.unp"));
                    } else if (organization.unp() != null && !t.getT2().isEmpty()) {
                        problems.add(new ApiException.FieldProblem("unp", "validation.unp.taken"));
                    }
                    return problems.isEmpty() ? repository.insert(organization) : Mono.error(ApiException.invalid(problems));
                })
                .doOnNext(id -> broadSearches.clear());
    }

    /** A government body's local registry, all rows or none; see {@link RegistryImporter}. */
    public Mono<List<Long>> importRegistry(List<RegistryRow> rows) {
        return registryImporter.importRows(rows).doOnNext(ids -> broadSearches.clear());
    }

    /** Where an organisation sits: what its rankings are per (sphere, region, parent); empty when not active. */
    public Mono<Placement> placement(long organizationId) {
        return repository.placement(organizationId);
    }

    /** An active organisation and its ancestors up to the top body, nearest first. */
    public Mono<List<Long>> lineage(long organizationId) {
        return repository.lineage(organizationId);
    }

    /** Summaries of these organisations (any order in, the same order out; unknown or inactive ones left out). */
    public Mono<List<OrganizationSummary>> summaries(List<Long> ids, Locale locale) {
        return repository.summaries(ids, locale).flatMap(this::withScores);
    }

    /** The active organisations' placements, for rebuilding every ranking. */
    public reactor.core.publisher.Flux<Placement> placements() {
        return repository.placements();
    }

    public record Placement(long id, int sphereId, int regionId, Long parentId) {
    }

    public Mono<Boolean> isActive(long organizationId) {
        return repository.isActive(organizationId);
    }

    public Mono<Boolean> sphereExists(int id) {
        return repository.exists("sphere", id);
    }

    /** An absolute address on the portal as citizens reach it, e.g. for links in mail. */
    public String publicUrl(String path) {
        return properties.publicBaseUrl() + path;
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

package by.ocenka.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.CatalogRecords.RegionView;
import by.ocenka.catalog.CatalogRecords.SphereView;
import by.ocenka.catalog.internal.CatalogSearch;
import by.ocenka.catalog.internal.MapRepository;
import by.ocenka.catalog.internal.OrganizationRepository;
import by.ocenka.catalog.internal.ProfileRepository;
import by.ocenka.catalog.internal.ReferenceDataRepository;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.platform.PublicUrls;
import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The catalogue as citizens read it: spheres, regions, search, an organisation's page data, children, the map and
 * QR codes. Organisations come with their current figures from {@link OrganizationScores} (the rating feature, which
 * keeps them in memory). What the catalogue itself answers changes rarely and is kept in memory too, reloaded in the
 * background every few minutes and forgotten when organisations are added.
 */
@Service
public class CatalogService {

    /** Past this many points in the area the map answers clusters. */
    public static final int MAP_POINTS_LIMIT = 2_000;
    /** The screen width assumed for a map that does not say its zoom level. */
    private static final int MAP_SCREEN_PIXELS = 1024;

    private final ReferenceDataRepository reference;
    private final OrganizationRepository organizations;
    private final CatalogSearch search;
    private final MapRepository map;
    private final PublicUrls urls;
    private final Optional<OrganizationScores> scores;
    private final ReactiveCache<DetailKey, OrganizationDetail> details;
    private final ProfileRepository profiles;
    private final ReactiveCache<String, List<SphereView>> spheres;
    private final ReactiveCache<String, List<RegionView>> regions;
    private final ReactiveCache<RowKey, Boolean> existing;

    /** An organisation's detail in one language. */
    private record DetailKey(long id, String language) {
    }

    /** A row of one of the catalogue's tables. */
    private record RowKey(String table, long id) {
    }

    CatalogService(ReferenceDataRepository reference, OrganizationRepository organizations, CatalogSearch search,
                   MapRepository map, PublicUrls urls, Optional<OrganizationScores> scores, ReactiveCaches caches,
                   ProfileRepository profiles) {
        this.reference = reference;
        this.organizations = organizations;
        this.search = search;
        this.map = map;
        this.urls = urls;
        this.scores = scores;
        this.profiles = profiles;
        ReactiveCaches.Spec rarelyChanged = new ReactiveCaches.Spec(Duration.ofMinutes(5), Duration.ofHours(1), 100_000);
        this.details = caches.create("catalog.organizations", rarelyChanged,
                key -> organizations.detail(key.id(), Locale.forLanguageTag(key.language()), urls.rateUrl(key.id()))
                        .zipWith(profiles.offered(key.id(), Locale.forLanguageTag(key.language())),
                                OrganizationDetail::withServices));
        this.spheres = caches.create("catalog.spheres", rarelyChanged, language -> reference.spheres(Locale.forLanguageTag(language)));
        this.regions = caches.create("catalog.regions", rarelyChanged, language -> reference.regions(Locale.forLanguageTag(language)));
        this.existing = caches.create("catalog.rows", rarelyChanged, key -> reference.exists(key.table(), key.id()));
        // Draw one code at start-up: the first use of ZXing, ImageIO and AWT reads files from the JDK, which must not
        // happen on an event-loop thread (an SVG is drawn there).
        QrCodes.png(QrCodes.class.getName(), QrCodes.MIN_SIZE);
        QrCodes.svg(QrCodes.class.getName(), QrCodes.MIN_SIZE);
    }

    public Mono<List<SphereView>> spheres(Locale locale) {
        return spheres.get(locale.getLanguage());
    }

    public Mono<List<RegionView>> regions(Locale locale) {
        return regions.get(locale.getLanguage());
    }

    public Mono<Boolean> sphereExists(int id) {
        return existing.get(new RowKey("sphere", id));
    }

    /** Forgets the organisation's kept detail in every language: its profile changed. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void organizationChanged(OrganizationChanged changed) {
        Languages.SUPPORTED.forEach(language -> details.invalidate(new DetailKey(changed.organizationId(), language.getLanguage())));
    }

    /** Forgets what may now be different: organisations were added (sphere counts, a parent's children). */
    @EventListener
    void catalogueChanged(OrganizationsAdded added) {
        details.invalidateAll();
        spheres.invalidateAll();
        existing.invalidateAll();
    }

    /** Searches after checking that every filter names something that exists (else 400 naming the filter). */
    public Mono<Page<OrganizationSummary>> search(OrganizationQuery query, Locale locale) {
        return checked(query).then(Mono.defer(() -> search.search(query, locale))).flatMap(this::withScores);
    }

    /** Empty when every filter names something that exists, else the 400 naming each that does not. */
    private Mono<Void> checked(OrganizationQuery query) {
        List<Mono<ApiException.FieldProblem>> checks = new ArrayList<>();
        check(checks, "sphere", "sphere", query.sphere());
        check(checks, "category", "category", query.category());
        check(checks, "region", "region", query.region());
        check(checks, "district", "district", query.district());
        check(checks, "parent", "organization", query.parent());
        return Flux.concat(checks).collectList().flatMap(problems -> problems.isEmpty() ? Mono.<Void>empty()
                : Mono.error(ApiException.invalid(problems)));
    }

    /** As {@link #search}, with the "did you mean" spellings when the words as typed found nothing. */
    public Mono<CatalogRecords.SearchResults> searchWithSuggestion(OrganizationQuery query, Locale locale) {
        return checked(query).then(Mono.defer(() -> search.searchWithSuggestion(query, locale)))
                .flatMap(found -> withScores(found.page()).map(page -> new CatalogRecords.SearchResults(page, found.didYouMean())));
    }

    /** An active organisation with its figures, criteria and ranks; 404 otherwise. */
    public Mono<OrganizationDetail> organization(long id, Locale locale) {
        return details.get(new DetailKey(id, locale.getLanguage()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("organization-not-found", id)))
                .flatMap(detail -> scores.isEmpty() ? Mono.just(detail) : scores.get().details(id, locale)
                        .map(detail::withRatings)
                        .defaultIfEmpty(detail));
    }

    /** The active children of an organisation; 404 when the organisation itself is unknown. */
    public Mono<Page<OrganizationSummary>> children(long id, PageRequest page, Locale locale) {
        return existing.get(new RowKey("organization", id)).flatMap(found -> found
                ? search.search(new OrganizationQuery(null, null, null, null, null, id,
                OrganizationQuery.Sort.NAME, page), locale).flatMap(this::withScores)
                : Mono.error(ApiException.notFound("organization-not-found", id)));
    }

    /** Summaries of these organisations (any order in, the same order out; unknown or inactive ones left out). */
    public Mono<List<OrganizationSummary>> summaries(List<Long> ids, Locale locale) {
        return organizations.summaries(ids, locale).flatMap(this::withScores);
    }

    /**
     * The map inside an area: every organisation as a point while there are at most {@value #MAP_POINTS_LIMIT},
     * else clusters laid out for the zoom level so that no two overlap ({@link MapClusters}), each with its count,
     * the mean score of its rated organisations and its size on the screen. When the map says its zoom, points whose
     * markers would touch are clustered too (below street level).
     *
     * @param zoom the map's zoom level, or null to take it from the area's width on a {@value #MAP_SCREEN_PIXELS}-pixel screen
     */
    public Mono<GeoJson.FeatureCollection> map(MapArea area, Integer sphere, Integer zoom) {
        Mono<Void> sphereCheck = sphere == null ? Mono.empty() : sphereExists(sphere)
                .flatMap(found -> found ? Mono.empty() : Mono.error(ApiException.invalid("sphere", "validation.unknown")));
        if (zoom != null && (zoom < 0 || zoom > 20)) {
            return Mono.error(ApiException.invalid("zoom", "validation.zoom"));
        }
        int level = zoom != null ? zoom : MapClusters.zoomFor(area, MAP_SCREEN_PIXELS);
        return sphereCheck.then(map.points(area, sphere, MAP_POINTS_LIMIT + 1))
                // A map that says its zoom gets single organisations as points only where their markers do not touch.
                .flatMap(points -> points.size() <= MAP_POINTS_LIMIT
                        ? Mono.just(zoom == null ? points : MapClusters.layoutPoints(points, level))
                        : map.cells(area, sphere, level).map(cells -> MapClusters.layout(cells, level)))
                .map(GeoJson.FeatureCollection::new);
    }

    /**
     * The QR code of an active organisation's rating page, for one place or service when asked: the code opens the
     * form with the service picked ({@code service}, may be null) and counts the scan under {@code source} (a label such
     * as {@code desk} or {@code window-2}, may be null; {@link PosterSource}); 400 for a label that is not one. PNG
     * drawing runs on a worker thread (ImageIO and the pixel loop are not for the event loop); SVG is a short string.
     */
    public Mono<byte[]> qrCode(long id, QrFormat format, int size, Long service, String source) {
        if (size < QrCodes.MIN_SIZE || size > QrCodes.MAX_SIZE) {
            return Mono.error(ApiException.invalid("size", "Size.range", "size", QrCodes.MAX_SIZE, QrCodes.MIN_SIZE));
        }
        if (source != null && PosterSource.label(source) == null) {
            return Mono.error(ApiException.invalid("source", "validation.source"));
        }
        String url = PosterSource.rateUrl(urls.rateUrl(id), service, source);
        return organizations.isActive(id)
                .flatMap(active -> active ? Mono.just(url) : Mono.error(ApiException.notFound("organization-not-found", id)))
                .flatMap(text -> format == QrFormat.SVG ? Mono.fromCallable(() -> QrCodes.svg(text, size))
                        : Mono.fromCallable(() -> QrCodes.png(text, size)).subscribeOn(Schedulers.boundedElastic()));
    }

    /** Summaries with their current scores (unchanged when no rating feature is present). */
    private Mono<List<OrganizationSummary>> withScores(List<OrganizationSummary> items) {
        if (scores.isEmpty() || items.isEmpty()) {
            return Mono.just(items);
        }
        return scores.get().scores(items.stream().map(OrganizationSummary::id).toList())
                .map(byId -> items.stream()
                        .map(item -> item.withScore(byId.getOrDefault(item.id(), OrganizationScores.Score.NONE)))
                        .toList());
    }

    private Mono<Page<OrganizationSummary>> withScores(Page<OrganizationSummary> page) {
        return withScores(page.items()).map(items -> new Page<>(items, page.page(), page.size(), page.total()));
    }

    private void check(List<Mono<ApiException.FieldProblem>> checks, String field, String table, Number id) {
        if (id != null) {
            checks.add(existing.get(new RowKey(table, id.longValue())).flatMap(found -> found ? Mono.empty()
                    : Mono.just(new ApiException.FieldProblem(field, "validation.unknown"))));
        }
    }
}

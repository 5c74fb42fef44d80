package by.ocenka.catalog.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.CatalogRecords.RegionView;
import by.ocenka.catalog.CatalogRecords.SphereView;
import by.ocenka.catalog.CatalogService;
import by.ocenka.catalog.GeoJson;
import by.ocenka.catalog.MapArea;
import by.ocenka.catalog.OfferedService;
import by.ocenka.catalog.OrganizationQuery;
import by.ocenka.catalog.PosterSource;
import by.ocenka.catalog.QrFormat;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.platform.PublicUrls;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
    private final PublicUrls urls;

    CatalogController(CatalogService catalog, PublicUrls urls) {
        this.catalog = catalog;
        this.urls = urls;
    }

    @GetMapping("/spheres")
    @Operation(summary = "The spheres of life with their categories and the number of organisations")
    Mono<List<SphereView>> spheres(Locale locale) {
        return catalog.spheres(locale);
    }

    @GetMapping("/regions")
    @Operation(summary = "The oblasts and Minsk with their districts")
    Mono<List<RegionView>> regions(Locale locale) {
        return catalog.regions(locale);
    }

    @GetMapping("/organizations")
    @Operation(summary = "Search and list organisations",
            description = "q matches names, addresses and postal codes in Russian with word forms, prefixes, one-letter "
                    + "typos and the services' common names (налоговая, паспорт, ГАИ...), the towns and districts also "
                    + "in Belarusian and in Latin letters (Барысаў, borisov, barysau); organisations in a town the query "
                    + "names come first; sort=near with near=lat,lon lists the nearest first (without near, from the "
                    + "centre of the district given; neither: 400); size 1–100 (else 400)")
    Mono<Page<OrganizationSummary>> organizations(@Parameter(example = "налоговая минск")
                                                  @RequestParam(required = false) String q,
                                                  @RequestParam(required = false) Integer sphere,
                                                  @RequestParam(required = false) Integer category,
                                                  @RequestParam(required = false) Integer region,
                                                  @RequestParam(required = false) Integer district,
                                                  @RequestParam(required = false) Long parent,
                                                  @Parameter(description = "rank (default), score, name, ratings, near")
                                                  @RequestParam(required = false) String sort,
                                                  @RequestParam(required = false) Integer page,
                                                  @RequestParam(required = false) Integer size,
                                                  @Parameter(description = "lat,lon for sort=near (else the district's centre)", example = "53.9,27.6")
                                                  @RequestParam(required = false) String near,
                                                  Locale locale) {
        return catalog.search(OrganizationQuery.of(q, sphere, category, region, district, parent, sort, page, size, near),
                locale);
    }

    @GetMapping("/organizations/{id}")
    @Operation(summary = "One organisation: the summary's fields, contacts, parent, criteria and ranks",
            description = "404 for an unknown or inactive id")
    Mono<OrganizationDetail> organization(@PathVariable long id, Locale locale) {
        return catalog.organization(id, locale);
    }

    @GetMapping("/organizations/{id}/services")
    @Operation(summary = "The services and administrative procedures a citizen may pick on the organisation's form")
    Mono<List<OfferedService>> services(@PathVariable long id, Locale locale) {
        return catalog.organization(id, locale).map(OrganizationDetail::services);
    }

    @GetMapping("/organizations/{id}/children")
    @Operation(summary = "The organisations directly subordinate to one")
    Mono<Page<OrganizationSummary>> children(@PathVariable long id, @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size, Locale locale) {
        return catalog.children(id, PageRequest.of(page, size), locale);
    }

    @GetMapping("/organizations/{id}/qr")
    @Operation(summary = "The QR code of the organisation's rating page, to print at the desk",
            description = "format png (default) or svg; size in pixels 64..2048 (default 512); error correction M; "
                    + "service: the form opens with this service picked; source: a label for where the code hangs "
                    + "(lower-case Latin letters, digits, hyphens, at most 30: desk, window-2, website), so that the "
                    + "cabinet counts how often it was opened and how many ratings followed")
    @ApiResponse(responseCode = "200", description = "The code, inline, with an ETag; cached a day", content = {
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
    Mono<ResponseEntity<byte[]>> qr(@PathVariable long id, @RequestParam(required = false) String format,
                                    @RequestParam(required = false) Integer size,
                                    @RequestParam(required = false) Long service,
                                    @RequestParam(required = false) String source, ServerWebExchange exchange) {
        QrFormat qrFormat = parse(QrFormat.class, "format", format, QrFormat.PNG);
        int pixels = size == null ? 512 : size;
        // The code depends only on the link it holds, the format and the size.
        String etag = "\"" + Integer.toHexString((PosterSource.rateUrl(urls.rateUrl(id), service, source) + qrFormat
                + pixels).hashCode()) + "\"";
        if (exchange.checkNotModified(etag)) {
            return Mono.just(ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build());
        }
        MediaType type = qrFormat == QrFormat.SVG ? MediaType.valueOf("image/svg+xml") : MediaType.IMAGE_PNG;
        return catalog.qrCode(id, qrFormat, pixels, service, source).map(bytes -> ResponseEntity.ok()
                .contentType(type)
                .eTag(etag)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("ocenka-qr-" + id + "." + qrFormat.name().toLowerCase(Locale.ROOT)).build().toString())
                .body(bytes));
    }

    @GetMapping("/map/organizations")
    @Operation(summary = "Organisations on the map inside a bounding box, as GeoJSON",
            description = "bbox=minLon,minLat,maxLon,maxLat; zoom=the map's zoom level (0–20, else taken from the box); "
                    + "past 2,000 points the features are clusters {cluster, count, score, size} that do not overlap at that zoom")
    Mono<GeoJson.FeatureCollection> map(@Parameter(example = "27.4,53.8,27.7,54.0")
                                        @RequestParam(required = false) String bbox,
                                        @RequestParam(required = false) Integer sphere,
                                        @RequestParam(required = false) Integer zoom) {
        return catalog.map(MapArea.parse(bbox), sphere, zoom);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "validation.unknown");
        }
    }

}

package by.ocenka.rating;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import by.ocenka.catalog.CatalogService;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Organisations' placements (sphere, region, parent) for the rankings, kept for five minutes: asked on every rating. */
@Component
class Placements implements by.ocenka.platform.LocalCache {

    private record Cached(CatalogService.Placement placement, long expiresAt) {
    }

    private static final long TTL_MILLIS = 5 * 60_000L;

    private final CatalogService catalog;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    Placements(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public void clear() {
        cache.clear();
    }

    /** Empty when the organisation is unknown or not active. */
    Mono<CatalogService.Placement> of(long organizationId) {
        Cached cached = cache.get(organizationId);
        long now = System.currentTimeMillis();
        if (cached != null && cached.expiresAt() > now) {
            return Mono.just(cached.placement());
        }
        return catalog.placement(organizationId).doOnNext(p -> {
            if (cache.size() > 100_000) {
                cache.clear();
            }
            cache.put(organizationId, new Cached(p, now + TTL_MILLIS));
        });
    }
}

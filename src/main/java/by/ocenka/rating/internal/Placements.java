package by.ocenka.rating.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.Placement;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Organisations' placements (sphere, region, parent) for the rankings, kept for five minutes: asked on every rating. */
@Component
public class Placements implements by.ocenka.platform.LocalCache {

    private record Cached(Placement placement, long expiresAt) {
    }

    private static final long TTL_MILLIS = 5 * 60_000L;

    private final Organizations organizations;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    Placements(Organizations organizations) {
        this.organizations = organizations;
    }

    @Override
    public void clear() {
        cache.clear();
    }

    /** Empty when the organisation is unknown or not active. */
    public Mono<Placement> of(long organizationId) {
        Cached cached = cache.get(organizationId);
        long now = System.currentTimeMillis();
        if (cached != null && cached.expiresAt() > now) {
            return Mono.just(cached.placement());
        }
        return organizations.placement(organizationId).doOnNext(p -> {
            if (cache.size() > 100_000) {
                cache.clear();
            }
            cache.put(organizationId, new Cached(p, now + TTL_MILLIS));
        });
    }
}

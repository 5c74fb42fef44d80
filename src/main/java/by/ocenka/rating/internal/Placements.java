package by.ocenka.rating.internal;

import java.time.Duration;

import by.ocenka.catalog.OrganizationChanged;
import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.Placement;
import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Organisations' placements (sphere, region, parent) for the rankings: asked on every rating, changed rarely. */
@Component
public class Placements {

    private final ReactiveCache<Long, Placement> cache;

    Placements(Organizations organizations, ReactiveCaches caches) {
        this.cache = caches.create("rating.placements",
                new ReactiveCaches.Spec(Duration.ofMinutes(5), Duration.ofHours(1), 200_000), organizations::placement);
    }

    /** Every instance hears of a change (a moderator may have moved the organisation to another parent). */
    @EventListener
    void organizationChanged(OrganizationChanged changed) {
        cache.invalidate(changed.organizationId());
    }

    /** Empty when the organisation is unknown or not active. */
    public Mono<Placement> of(long organizationId) {
        return cache.get(organizationId);
    }
}

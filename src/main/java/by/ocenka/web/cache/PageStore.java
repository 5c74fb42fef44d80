package by.ocenka.web.cache;

import java.time.Duration;
import java.util.Set;

import by.ocenka.platform.LocalCache;
import by.ocenka.web.KeptPages;
import by.ocenka.web.WebProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The kept pages: a Caffeine cache bounded by bytes ({@code ocenka.web.public-cache-size}), a page forgotten an hour
 * after its last read; metrics as {@code cache.*{cache=web.public-reads}}.
 */
@Component
class PageStore implements LocalCache {

    private static final Logger LOG = LoggerFactory.getLogger(PageStore.class);

    private final Cache<PageKey, RenderedPage> pages;

    PageStore(MeterRegistry meters, WebProperties properties) {
        this.pages = Caffeine.newBuilder()
                .maximumWeight(properties.publicCacheSize().toBytes())
                .weigher((PageKey key, RenderedPage page) -> page.weight())
                .expireAfterAccess(Duration.ofHours(1))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, pages, "web.public-reads");
        LOG.info("Kept pages: up to {} MB", properties.publicCacheSize().toMegabytes());
    }

    RenderedPage get(PageKey key) {
        return pages.getIfPresent(key);
    }

    void put(PageKey key, RenderedPage page) {
        pages.put(key, page);
    }

    Set<PageKey> keys() {
        return pages.asMap().keySet();
    }

    /** Organisations were added, or every figure was recomputed: nothing kept may be trusted. */
    @EventListener(KeptPages.AllChanged.class)
    void everythingChanged() {
        pages.invalidateAll();
    }

    /** Forgets every kept page (tests start from nothing). */
    @Override
    public void clear() {
        pages.invalidateAll();
    }
}

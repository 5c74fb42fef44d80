package by.ocenka.catalog.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.OrganizationQuery;
import by.ocenka.platform.Page;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Pages of broad searches, kept for a short while. What citizens type first ("рай", "поли", "школа") matches
 * thousands of organisations and costs the database a scan of most of the catalogue; the same few prefixes come
 * from everyone typing, so one evaluation a minute serves them all. Narrow searches are cheap and never kept.
 * The catalogue changes rarely (an approved request, an import); a page is at most the TTL old.
 */
@Component
class BroadSearchCache implements by.ocenka.platform.LocalCache {

    private static final int MAX_ENTRIES = 2_000;

    private record Key(OrganizationQuery query, String language) {
    }

    private record Entry(Page<OrganizationSummary> page, Instant expires) {
    }

    private final Map<Key, Entry> pages = new ConcurrentHashMap<>();
    private final CatalogProperties properties;
    private final Clock clock = Clock.systemUTC();

    BroadSearchCache(CatalogProperties properties) {
        this.properties = properties;
    }

    Mono<Page<OrganizationSummary>> get(OrganizationQuery query, String language,
                                        Supplier<Mono<Page<OrganizationSummary>>> search) {
        if (properties.broadSearchCacheTtl().isZero() || query.text() == null) {
            return search.get();
        }
        Key key = new Key(query, language);
        Entry entry = pages.get(key);
        Instant now = clock.instant();
        if (entry != null && entry.expires().isAfter(now)) {
            return Mono.just(entry.page());
        }
        return search.get().doOnNext(page -> {
            if (page.total() >= properties.broadSearchMatches()) {
                if (pages.size() >= MAX_ENTRIES) {
                    evictExpired(now);
                }
                if (pages.size() < MAX_ENTRIES) {
                    pages.put(key, new Entry(page, now.plus(properties.broadSearchCacheTtl())));
                }
            }
        });
    }

    /** Forgets every page: the catalogue has changed (an organisation approved or imported). */
    @Override
    public void clear() {
        pages.clear();
    }

    private void evictExpired(Instant now) {
        for (Iterator<Entry> it = pages.values().iterator(); it.hasNext(); ) {
            if (!it.next().expires().isAfter(now)) {
                it.remove();
            }
        }
    }
}

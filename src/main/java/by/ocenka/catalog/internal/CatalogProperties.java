package by.ocenka.catalog.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param searchCacheRefresh a kept search page older than this is recomputed in the background on its next use
 * @param searchCacheSize    how many search pages are kept (the most used); 0 keeps none (to measure the database)
 */
@ConfigurationProperties("ocenka.catalog")
public record CatalogProperties(Duration searchCacheRefresh, Integer searchCacheSize) {

    public CatalogProperties {
        searchCacheRefresh = searchCacheRefresh == null ? Duration.ofSeconds(60) : searchCacheRefresh;
        searchCacheSize = searchCacheSize == null ? 20_000 : searchCacheSize;
    }
}

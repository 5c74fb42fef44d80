package by.ocenka.catalog.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param broadSearchCacheTtl how long a page of a broad search (one that matches many organisations, such as the
 *                           first letters typed into the search bar) is kept in memory; zero turns the cache off
 * @param broadSearchMatches from how many matches on a search counts as broad
 */
@ConfigurationProperties("ocenka.catalog")
public record CatalogProperties(Duration broadSearchCacheTtl, Integer broadSearchMatches) {

    public CatalogProperties {
        broadSearchCacheTtl = broadSearchCacheTtl == null ? Duration.ofSeconds(60) : broadSearchCacheTtl;
        broadSearchMatches = broadSearchMatches == null ? 1_000 : broadSearchMatches;
    }
}

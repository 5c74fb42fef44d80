package by.ocenka.catalog.internal;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.OrganizationQuery;
import by.ocenka.platform.Page;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The catalogue's search: the text matches through Russian full-text search (word forms, every word as a prefix);
 * when that finds nothing, the words are corrected against the dictionary of catalogue words (one-letter typos) and
 * the search runs once more. Pages of broad searches are kept a while ({@link BroadSearchCache}), keyed by the text
 * query as PostgreSQL sees it, and forgotten when the catalogue changes.
 */
@Component
public class CatalogSearch {

    private final SearchRepository repository;
    private final TypoCorrections corrections;
    private final BroadSearchCache broadSearches;

    CatalogSearch(SearchRepository repository, TypoCorrections corrections, BroadSearchCache broadSearches) {
        this.repository = repository;
        this.corrections = corrections;
        this.broadSearches = broadSearches;
    }

    public Mono<Page<OrganizationSummary>> search(OrganizationQuery query, Locale locale) {
        List<String> words = query.text() == null ? List.of() : words(query.text());
        if (words.isEmpty()) {
            return repository.page(query, null, locale);
        }
        String exact = words.stream().map(w -> w + ":*").collect(Collectors.joining(" & "));
        return cached(query, exact, locale).flatMap(page -> page.total() > 0 ? Mono.just(page)
                : corrections.tsquery(words).flatMap(tsquery -> tsquery.equals(exact) ? Mono.just(page)
                : cached(query, tsquery, locale)));
    }

    /** Forgets the kept pages: an organisation was added or imported. */
    public void catalogueChanged() {
        broadSearches.clear();
    }

    /**
     * What many citizens type first (and their misspellings of it, once corrected) is one entry: the key is the
     * query as PostgreSQL sees it.
     */
    private Mono<Page<OrganizationSummary>> cached(OrganizationQuery query, String tsquery, Locale locale) {
        OrganizationQuery key = new OrganizationQuery(tsquery, query.sphere(), query.category(), query.region(),
                query.district(), query.parent(), query.sort(), query.page());
        return broadSearches.get(key, CatalogRows.language(locale), () -> repository.page(query, tsquery, locale));
    }

    /** "Поликлиники, Пинск" → [поликлиники, пинск]: the lower-cased words, at most eight. */
    static List<String> words(String text) {
        return List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).stream()
                .filter(w -> !w.isEmpty()).limit(8).toList();
    }
}

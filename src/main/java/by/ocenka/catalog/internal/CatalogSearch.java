package by.ocenka.catalog.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.CatalogRecords.SearchResults;
import by.ocenka.catalog.OrganizationChanged;
import by.ocenka.catalog.OrganizationQuery;
import by.ocenka.catalog.OrganizationsAdded;
import by.ocenka.platform.Page;
import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The catalogue's search: the text matches through Russian full-text search (word forms, every word as a prefix,
 * the services' common names and abbreviations through {@link SearchSynonyms}, whole-word matches first);
 * when that finds nothing, the words are corrected against the dictionary of catalogue words (one-letter typos) and
 * the search runs once more. What citizens type repeats (the first letters of the same few words): pages are kept
 * by their query, recomputed in the background when a minute old, and forgotten when the catalogue changes. They
 * hold the organisations without their figures, which the caller adds fresh.
 */
@Component
public class CatalogSearch {

    /** A search as it is kept: the words as typed (lower-cased), the filters, the order, the page, the language. */
    private record Key(List<String> words, OrganizationQuery filters, String language) {
    }

    private final SearchRepository repository;
    private final TypoCorrections corrections;
    private final SearchSynonyms synonyms;
    private final ReactiveCache<Key, SearchResults> pages;
    private final boolean caching;

    CatalogSearch(SearchRepository repository, TypoCorrections corrections, CatalogProperties properties,
                  ReactiveCaches caches, SearchSynonyms synonyms) {
        this.synonyms = synonyms;
        this.repository = repository;
        this.corrections = corrections;
        this.caching = properties.searchCacheSize() > 0;
        this.pages = caches.create("catalog.search", new ReactiveCaches.Spec(properties.searchCacheRefresh(),
                Duration.ofMinutes(30), Math.max(1, properties.searchCacheSize())), this::evaluate);
    }

    public Mono<Page<OrganizationSummary>> search(OrganizationQuery query, Locale locale) {
        return searchWithSuggestion(query, locale).map(SearchResults::page);
    }

    /** The page, and the spellings searched instead when the words as typed found nothing ("did you mean"). */
    public Mono<SearchResults> searchWithSuggestion(OrganizationQuery query, Locale locale) {
        List<String> words = query.text() == null ? List.of() : words(query.text());
        OrganizationQuery filters = new OrganizationQuery(null, query.sphere(), query.category(), query.region(),
                query.district(), query.parent(), query.sort(), query.page(), query.near());
        Key key = new Key(words, filters, CatalogRows.language(locale));
        return caching ? pages.get(key) : evaluate(key);
    }

    /** Forgets the kept pages: an organisation's address or name may be in any of them. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void organizationChanged(OrganizationChanged changed) {
        pages.invalidateAll();
    }

    /** Forgets the kept pages: an organisation was added or imported. */
    @EventListener
    void catalogueChanged(OrganizationsAdded added) {
        pages.invalidateAll();
    }

    private Mono<SearchResults> evaluate(Key key) {
        Locale locale = Locale.forLanguageTag(key.language());
        if (key.words().isEmpty()) {
            return repository.page(key.filters(), null, null, List.of(), locale).map(page -> new SearchResults(page, null));
        }
        // Each word, or what the services are called instead ("налоговая" → "инспекция МНС"), as word beginnings; the
        // organisations where they are whole words come first ("ГАИ" before "Ганцевичи").
        String beginnings = synonyms.tsquery(key.words(), true);
        String whole = synonyms.tsquery(key.words(), false);
        String typed = key.words().stream().map(w -> w + ":*").collect(Collectors.joining(" & "));
        return repository.page(key.filters(), beginnings, whole, key.words(), locale).flatMap(page -> page.total() > 0
                ? Mono.just(new SearchResults(page, null))
                : corrections.correct(key.words()).flatMap(corrected -> corrected.tsquery().equals(typed)
                        ? Mono.just(new SearchResults(page, null))
                        : repository.page(key.filters(), corrected.tsquery(), null, corrected.words(), locale).map(found -> new SearchResults(found,
                                found.total() == 0 || corrected.words().equals(key.words()) ? null
                                        : String.join(" ", corrected.words())))));
    }

    /** "Поликлиники, Пинск" → [поликлиники, пинск]: the lower-cased words, at most eight. */
    static List<String> words(String text) {
        return List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).stream()
                .filter(w -> !w.isEmpty()).limit(8).toList();
    }
}

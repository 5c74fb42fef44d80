package by.ocenka.catalog;

import java.util.Locale;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.PageRequest;

/** A validated search over the catalogue. Null filters do not filter. */
public record OrganizationQuery(String text, Integer sphere, Integer category, Integer region, Integer district,
                                Long parent, Sort sort, PageRequest page) {

    public static final int MAX_TEXT = 200;

    public enum Sort { RELEVANCE, NAME, RANK, SCORE, RATINGS }

    /**
     * The search as a request gives it (the API's and the search page's parameters); 400 for text over
     * {@link #MAX_TEXT}, an unknown sort or a bad page. Without a sort: by relevance when there is text, else by name.
     */
    public static OrganizationQuery of(String q, Integer sphere, Integer category, Integer region, Integer district,
                                       Long parent, String sort, Integer page, Integer size) {
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > MAX_TEXT) {
            throw ApiException.invalid("q", "validation.tooLong", MAX_TEXT);
        }
        Sort order;
        if (sort == null || sort.isBlank()) {
            order = text != null ? Sort.RELEVANCE : Sort.NAME;
        } else {
            try {
                order = Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("sort", "validation.unknown");
            }
        }
        return new OrganizationQuery(text, sphere, category, region, district, parent, order, PageRequest.of(page, size));
    }
}

package by.ocenka.catalog;

import java.util.Locale;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.PageRequest;

/**
 * A validated search over the catalogue. Null filters do not filter.
 *
 * @param near where the citizen is, for {@link Sort#NEAR} (only when they let the browser say so), or null (then
 *             {@link Sort#NEAR} measures from the centre of {@code district})
 */
public record OrganizationQuery(String text, Integer sphere, Integer category, Integer region, Integer district,
                                Long parent, Sort sort, PageRequest page, Near near) {

    public static final int MAX_TEXT = 200;

    public enum Sort { RELEVANCE, NAME, RANK, SCORE, RATINGS, NEAR }

    /** A position, rounded to about a hundred metres (enough to order by distance, and searches are kept by it). */
    public record Near(double lat, double lon) {
        public Near {
            lat = Math.round(lat * 1000) / 1000.0;
            lon = Math.round(lon * 1000) / 1000.0;
        }

        /** "53.902,27.561" → a position; 400 naming {@code near} for anything else. */
        static Near parse(String text) {
            String[] parts = text.split(",");
            try {
                double lat = Double.parseDouble(parts[0].strip());
                double lon = Double.parseDouble(parts[1].strip());
                if (parts.length == 2 && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
                    return new Near(lat, lon);
                }
            } catch (RuntimeException e) {
                // Falls through to the 400.
            }
            throw ApiException.invalid("near", "validation.near");
        }
    }

    public OrganizationQuery(String text, Integer sphere, Integer category, Integer region, Integer district,
                             Long parent, Sort sort, PageRequest page) {
        this(text, sphere, category, region, district, parent, sort, page, null);
    }

    /** The same search without a position (for the others sorts, the position changes nothing). */
    public OrganizationQuery withNear(Near position) {
        return new OrganizationQuery(text, sphere, category, region, district, parent, sort, page, position);
    }

    /**
     * The search as a request gives it (the API's and the search page's parameters); 400 for text over
     * {@link #MAX_TEXT}, an unknown sort or a bad page. Without a sort: by relevance when there is text, else by name.
     */
    public static OrganizationQuery of(String q, Integer sphere, Integer category, Integer region, Integer district,
                                       Long parent, String sort, Integer page, Integer size) {
        return of(q, sphere, category, region, district, parent, sort, page, size, null);
    }

    /**
     * As above, with the citizen's position ({@code lat,lon}) for {@code sort=near}; without one the chosen district's
     * centre stands in for it (a page without JavaScript), and without either 400 naming {@code near}.
     */
    public static OrganizationQuery of(String q, Integer sphere, Integer category, Integer region, Integer district,
                                       Long parent, String sort, Integer page, Integer size, String near) {
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
        Near position = near == null || near.isBlank() ? null : Near.parse(near);
        if (order == Sort.NEAR && position == null && district == null) {
            throw ApiException.invalid("near", "validation.near");
        }
        return new OrganizationQuery(text, sphere, category, region, district, parent, order, PageRequest.of(page, size),
                order == Sort.NEAR ? position : null);
    }
}

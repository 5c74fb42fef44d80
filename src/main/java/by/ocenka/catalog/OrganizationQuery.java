package by.ocenka.catalog;

import by.ocenka.platform.PageRequest;

/** A validated search over the catalogue. Null filters do not filter. */
public record OrganizationQuery(String text, Integer sphere, Integer category, Integer region, Integer district,
                                Long parent, Sort sort, PageRequest page) {

    public static final int MAX_TEXT = 200;

    public enum Sort { RELEVANCE, NAME, RANK, SCORE, RATINGS }
}

package by.ocenka.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Where the catalogue gets scores from: implemented by the rating feature (which depends on the catalogue, not the
 * other way round). Absent, organisations show as unrated.
 */
public interface OrganizationScores {

    /** An organisation's public figures; score and satisfaction null while unrated. */
    record Score(Double score, long ratingsCount, Double satisfaction, Integer rank) {
        public static final Score NONE = new Score(null, 0, null, null);
    }

    record Criterion(String code, String name, boolean base) {
    }

    /** What an organisation's page adds: its criteria, their means, and its ranks per scope. */
    record Details(Score score, List<Criterion> criteria, Map<String, Double> criteriaScores, Map<String, Integer> ranks) {
    }

    Mono<Map<Long, Score>> scores(Collection<Long> ids);

    /** An active organisation's figures, criteria and ranks; empty when it is not rated or not active. */
    Mono<Details> details(long id, Locale locale);
}

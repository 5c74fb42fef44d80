package by.ocenka.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
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

    /** What an organisation's page adds: its criteria, their means, its ranks per scope and how it answers. */
    record Details(Score score, List<Criterion> criteria, Map<String, Double> criteriaScores, Map<String, Integer> ranks,
                   Replies replies) {
    }

    /**
     * How the organisation answered over the past year: the share of the questionnaires asking for a reply that got
     * one (percent; null when none asked), the share of replies their authors marked helpful (percent; null under
     * the minimum of marks) and how many replies were marked.
     */
    record Replies(@Schema(nullable = true) Double rate, @Schema(nullable = true) Double helpfulShare, long helpfulCount) {
    }

    Mono<Map<Long, Score>> scores(Collection<Long> ids);

    /** An active organisation's figures, criteria and ranks; empty when it is not rated or not active. */
    Mono<Details> details(long id, Locale locale);
}

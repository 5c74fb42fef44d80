package by.ocenka.rating.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

import by.ocenka.catalog.OrganizationScores;

/**
 * The portal's formulas over raw aggregates: the official score, satisfaction, and the two ranking orders' sort keys
 * (the official one by the score, and the one that allows for the number of ratings).
 */
public final class Figures {

    private Figures() {
    }

    /** The mean of the means (1–5), rounded to 2 decimals; null while unrated. */
    public static Double score(long n, long sumMicro) {
        return n == 0 ? null : BigDecimal.valueOf(sumMicro).divide(BigDecimal.valueOf(n * Aggregates.MICRO), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** The share of satisfied questionnaires in percent, rounded to 2 decimals; null while unrated. */
    public static Double satisfaction(long n, long satisfied) {
        return n == 0 ? null : BigDecimal.valueOf(satisfied * 100).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** A criterion's mean, rounded to 2 decimals. */
    public static Double mean(long sum, long count) {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * Where an organisation ranked in the official order sorts from: those with fewer questionnaires than the
     * minimum sort below every ranked one, by the same score.
     */
    public static final double RANKED = 10 * Aggregates.MICRO;

    /**
     * The official order's sort key: the mean of the means in millionths, lifted by {@link #RANKED} from the minimum
     * number of questionnaires on; equal means by the larger count (a millionth of a star per questionnaire is far
     * below what a score shows). Null while unrated.
     */
    public static Double officialRankScore(long n, long sumMicro, int minForRank) {
        if (n == 0) {
            return null;
        }
        return (n >= minForRank ? RANKED : 0) + (double) sumMicro / n + Math.min(n, 999_999) * 1e-6;
    }

    /** Whether an official sort key is that of a ranked organisation. */
    public static boolean ranked(double officialRankScore) {
        return officialRankScore >= RANKED;
    }

    /**
     * (C·m + Σ means) / (C + n) in millionths, with m the country's mean (millionths): the order that allows for the
     * number of ratings (one five-star questionnaire does not top the country).
     */
    public static double rankScore(long n, long sumMicro, double meanMicro, int c) {
        return (c * meanMicro + sumMicro) / (c + n);
    }

    /** A questionnaire's mean: the mean of its scores, to six decimals (as PostgreSQL stores it). */
    public static BigDecimal questionnaireMean(Collection<Integer> scores) {
        int sum = scores.stream().mapToInt(Integer::intValue).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(scores.size()), 6, RoundingMode.HALF_UP);
    }

    public static OrganizationScores.Score of(Aggregates.Totals t, Integer rank) {
        return new OrganizationScores.Score(score(t.n(), t.sum()), t.n(), satisfaction(t.n(), t.sat()), t.n() == 0 ? null : rank);
    }

    /** Two decimals, as the API shows figures. */
    public static Double rounded(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}

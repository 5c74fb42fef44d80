package by.ocenka.rating.internal;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's formulas, on numbers worked out by hand. */
class FiguresTest {

    @Test
    void theScoreIsTheMeanOfTheQuestionnairesMeansToTwoDecimals() {
        // Three questionnaires with means 5, 4.5 and 3.333333: (12.833333) / 3 = 4.277777… → 4.28.
        long sum = 5_000_000 + 4_500_000 + 3_333_333;
        assertThat(Figures.score(3, sum)).isEqualTo(4.28);
        assertThat(Figures.score(0, 0)).as("unrated").isNull();
        // Half up at the third decimal: 4.125 → 4.13.
        assertThat(Figures.score(2, 8_250_000)).isEqualTo(4.13);
    }

    @Test
    void satisfactionIsTheShareOfSatisfiedInPercent() {
        assertThat(Figures.satisfaction(3, 2)).isEqualTo(66.67);
        assertThat(Figures.satisfaction(4, 4)).isEqualTo(100.0);
        assertThat(Figures.satisfaction(0, 0)).isNull();
    }

    @Test
    void aCriterionsMeanIsItsSumOverItsCount() {
        assertThat(Figures.mean(14, 3)).isEqualTo(4.67);
        assertThat(Figures.mean(0, 0)).isNull();
    }

    @Test
    void aQuestionnairesMeanKeepsSixDecimalsAsPostgresDoes() {
        assertThat(Figures.questionnaireMean(List.of(5, 4, 4))).isEqualByComparingTo(new BigDecimal("4.333333"));
        assertThat(Figures.questionnaireMean(List.of(1, 2))).isEqualByComparingTo(new BigDecimal("1.5"));
    }

    @Test
    void theRankingScorePullsFewRatingsTowardsTheCountrysMean() {
        double countryMean = 4_000_000;
        // One five-star questionnaire against a weight of 10 at the country's mean of 4: (10·4 + 5) / 11.
        assertThat(Figures.rankScore(1, 5_000_000, countryMean, 10)).isEqualTo(45_000_000.0 / 11);
        // A hundred at 4.5 stand above one at 5.
        assertThat(Figures.rankScore(100, 450_000_000, countryMean, 10))
                .isGreaterThan(Figures.rankScore(1, 5_000_000, countryMean, 10));
    }

    @Test
    void totalsBecomeAScoreWithoutARankWhileUnrated() {
        assertThat(Figures.of(new Aggregates.Totals(0, 0, 0), 7).rank()).isNull();
        assertThat(Figures.of(new Aggregates.Totals(2, 9_000_000, 1), 7).rank()).isEqualTo(7);
    }
}

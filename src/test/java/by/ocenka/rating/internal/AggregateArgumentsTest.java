package by.ocenka.rating.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The aggregate scripts' arguments: Java's list and Lua's names agree, and no delta reads "-0". */
class AggregateArgumentsTest {

    @Test
    void anAppliedQuestionnaireListsItsFieldsInTheOrderTheScriptUnpacksThem() {
        Map<String, Integer> scores = new LinkedHashMap<>();
        scores.put("POLITENESS", 5);
        scores.put("SPEED", 4);
        var added = AggregateArguments.Organization.of(42, 7, 4_500_000, true, scores, 1, "2026-12-06T10:00:00Z", "live");
        assertThat(added.argv()).containsExactly("42", "4500000", "1", "1", "1", "2026-12-06T10:00:00Z", "4.5", "live", "7",
                "POLITENESS", "5", "SPEED", "4");
        assertThat(AggregateArguments.Organization.UNPACK)
                .contains("organization, mean_delta, satisfied_delta, count_delta, publish, at, mean, channel, questionnaire")
                .endsWith("unpack(ARGV, 1, " + (AggregateArguments.Organization.FIRST_SCORE - 1) + ")");
    }

    @Test
    void takingOneBackNegatesEveryDeltaAndPublishesNothing() {
        var taken = AggregateArguments.Organization.of(42, 7, 3_000_000, false, Map.of("SPEED", 3), -1, "t", "live");
        List<String> argv = taken.argv();
        assertThat(argv.subList(0, 5)).containsExactly("42", "-3000000", "0", "-1", "0");
        assertThat(argv.subList(9, 11)).containsExactly("SPEED", "-3");
        assertThat(argv).noneMatch("-0"::equals);
    }

    @Test
    void theCountrysPartHasItsOwnFourFields() {
        assertThat(new AggregateArguments.Country(1, 4_500_000, 1, 4_100_000).argv())
                .containsExactly("1", "4500000", "1", "4100000");
        assertThat(AggregateArguments.Country.UNPACK).endsWith("unpack(ARGV, 1, 4)");
    }
}

package by.ocenka.rating;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

import by.ocenka.platform.ApiException.FieldProblem;
import by.ocenka.rating.RatingRecords.RatingRequest;
import by.ocenka.rating.internal.Criteria.Criterion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules a questionnaire keeps, without a server: each problem named next to its field. */
class QuestionnaireRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final Period WINDOW = Period.ofDays(90);
    private static final List<Criterion> CRITERIA = List.of(
            new Criterion("POLITENESS", true, "Вежливость", "Ветлівасць", "Politeness"),
            new Criterion("SPEED", false, "Скорость", "Хуткасць", "Speed"));

    private static List<String> problems(Map<String, Integer> scores, String serviceName, LocalDate serviceDate, String comment) {
        return QuestionnaireRules.problems(new RatingRequest(scores, serviceName, serviceDate, comment), CRITERIA, TODAY, WINDOW)
                .stream().map(p -> p.field() + ":" + p.messageKey()).toList();
    }

    @Test
    void everyCriterionScoredOneToFiveAndNothingElseIsAccepted() {
        assertThat(problems(Map.of("POLITENESS", 5, "SPEED", 1), "Справка", TODAY, "Спасибо")).isEmpty();
        assertThat(problems(Map.of("POLITENESS", 5, "SPEED", 1), null, null, null)).as("the rest is optional").isEmpty();
    }

    @Test
    void eachCriterionSaysWhatIsWrongWithItsOwnScore() {
        assertThat(problems(Map.of("POLITENESS", 0, "WAITING", 4), null, null, null)).containsExactlyInAnyOrder(
                "scores.POLITENESS:Size.range", "scores.SPEED:validation.required", "scores.WAITING:validation.criterion.unknown");
        assertThat(problems(null, null, null, null)).containsExactlyInAnyOrder(
                "scores.POLITENESS:validation.required", "scores.SPEED:validation.required");
    }

    @Test
    void textsHaveTheirLimitsAndTheServiceDateItsWindow() {
        Map<String, Integer> scored = Map.of("POLITENESS", 4, "SPEED", 4);
        assertThat(problems(scored, "у".repeat(201), null, "к".repeat(2001)))
                .containsExactlyInAnyOrder("serviceName:validation.tooLong", "comment:validation.tooLong");
        assertThat(problems(scored, "у".repeat(200), TODAY.minus(WINDOW), "к".repeat(2000))).isEmpty();
        assertThat(problems(scored, null, TODAY.plusDays(1), null)).containsExactly("serviceDate:PastOrPresent");
        assertThat(problems(scored, null, TODAY.minus(WINDOW).minusDays(1), null))
                .containsExactly("serviceDate:validation.serviceDate.old");
    }

    @Test
    void aProblemCarriesTheLimitForItsMessage() {
        FieldProblem tooLong = QuestionnaireRules.problems(new RatingRequest(Map.of("POLITENESS", 4, "SPEED", 4), null, null,
                "к".repeat(2001)), CRITERIA, TODAY, WINDOW).get(0);
        assertThat(tooLong.args()).containsExactly(2000);
    }
}

package by.ocenka.survey;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import by.ocenka.support.TestData;
import by.ocenka.support.TestServers;
import by.ocenka.survey.SurveyRecords.NewQuestion;
import by.ocenka.survey.SurveyRecords.NewSurvey;
import by.ocenka.survey.SurveyRecords.Question;
import by.ocenka.survey.SurveyRecords.Results;
import by.ocenka.survey.SurveyRecords.Texts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.r2dbc.core.DatabaseClient;

import static by.ocenka.support.ModuleTestData.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poll rules on the survey module alone (with the platform under it), on the real database: a response answers
 * what the poll asks, once per browser and account, twenty an hour from one address, and the results add up.
 */
@ApplicationModuleTest(extraIncludes = "platform")
class SurveysModuleTest {

    static {
        TestServers.configure();
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    Surveys surveys;

    @Autowired
    DatabaseClient db;

    @Autowired
    ReactiveRedisConnectionFactory redis;

    @BeforeEach
    void clean() {
        TestData.clean(db, redis).block(WAIT);
    }

    private long poll() {
        return surveys.create(new NewSurvey(new Texts("Удобно ли?", null, "Easy?"), null, null,
                OffsetDateTime.now().plusDays(1), List.of(
                        new NewQuestion("single", new Texts("Удобно?", null, null),
                                List.of(new Texts("Да", null, null), new Texts("Нет", null, null))),
                        new NewQuestion("multiple", new Texts("Чем?", null, null),
                                List.of(new Texts("QR", null, null), new Texts("Поиск", null, null), new Texts("Карта", null, null))),
                        new NewQuestion("text", new Texts("Что улучшить?", null, null), null))), null).block(WAIT);
    }

    private Long respond(long poll, Map<String, Object> answers, String browser, Long user, String address) {
        return surveys.respond(poll, answers, browser, user, address).block(WAIT);
    }

    @Test
    void eachBrowserAnswersOnceAndTheResultsAddUp() {
        long poll = poll();
        List<Question> q = surveys.survey(poll, "ru").block(WAIT).questions();
        String single = String.valueOf(q.get(0).id());
        String multiple = String.valueOf(q.get(1).id());
        long yes = q.get(0).options().get(0).id();
        long no = q.get(0).options().get(1).id();
        respond(poll, Map.of(single, List.of(yes), multiple, List.of(q.get(1).options().get(0).id(),
                q.get(1).options().get(2).id()), String.valueOf(q.get(2).id()), "Больше пунктов"), "browser-1", null, "10.0.0.1");
        respond(poll, Map.of(single, List.of(no)), "browser-2", null, "10.0.0.2");
        respond(poll, Map.of(single, List.of(yes)), "browser-3", null, "10.0.0.3");

        assertThat(problem(() -> respond(poll, Map.of(single, List.of(no)), "browser-1", null, "10.0.0.9")))
                .as("the same browser again").isEqualTo("409 survey-answered");
        assertThat(problem(() -> respond(poll, Map.of(single, List.of(yes, no)), "browser-4", null, "10.0.0.4")))
                .as("two options for a single choice").isEqualTo("400 validation");

        Results results = surveys.results(poll, "ru").block(WAIT);
        assertThat(results.responses()).isEqualTo(3);
        var first = results.questions().get(0).options();
        assertThat(first).extracting(o -> o.count()).containsExactly(2L, 1L);
        assertThat(first).extracting(o -> o.share()).containsExactly(66.7, 33.3);
        assertThat(results.questions().get(1).options()).extracting(o -> o.share())
                .as("shares of those who answered the question").containsExactly(100.0, 0.0, 100.0);
        assertThat(results.questions().get(2).texts()).isEqualTo(1);
    }

    @Test
    void oneAddressSendsTwentyAnHourAndAClosedPollNone() {
        long poll = poll();
        Question first = surveys.survey(poll, "ru").block(WAIT).questions().get(0);
        Map<String, Object> yes = Map.of(String.valueOf(first.id()), List.of(first.options().get(0).id()));
        for (int i = 0; i < Surveys.PER_ADDRESS_PER_HOUR; i++) {
            respond(poll, yes, "browser-" + i, null, "10.0.0.1");
        }
        assertThat(problem(() -> respond(poll, yes, "browser-next", null, "10.0.0.1"))).isEqualTo("429 survey-too-many");
        assertThat(problem(() -> respond(poll, yes, "browser-next", null, "10.0.0.2"))).isEqualTo("none");

        surveys.close(poll).block(WAIT);
        assertThat(problem(() -> respond(poll, yes, "browser-late", null, "10.0.0.3"))).isEqualTo("410 survey-closed");
    }
}

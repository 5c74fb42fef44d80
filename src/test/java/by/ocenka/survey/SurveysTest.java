package by.ocenka.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Polls (issue 16): a moderator creates one; anyone answers once without an account (per browser, per account, a limit
 * per address); the results are exact, also as CSV; a closed poll answers 410.
 */
class SurveysTest extends IntegrationTest {

    private long create(WebTestClient moderator, String title) {
        Map<String, Object> poll = Map.of(
                "title", Map.of("ru", title, "en", title + " (en)"),
                "closesAt", OffsetDateTime.now().plusDays(7).toString(),
                "questions", List.of(
                        Map.of("kind", "single", "text", Map.of("ru", "Удобно ли оценивать?", "en", "Is rating easy?"),
                                "options", List.of(Map.of("ru", "Да", "en", "Yes"), Map.of("ru", "Нет", "en", "No"))),
                        Map.of("kind", "multiple", "text", Map.of("ru", "Чем пользуетесь?"),
                                "options", List.of(Map.of("ru", "QR-код"), Map.of("ru", "Поиск"), Map.of("ru", "Карта"))),
                        Map.of("kind", "text", "text", Map.of("ru", "Что улучшить?"))));
        return ((Number) moderator.post().uri("/api/v1/moderation/surveys").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(poll).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> questions(long poll) {
        List<Map<String, Object>> open = web.get().uri("/api/v1/surveys").exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) open.stream().map(p -> (Map<String, Object>) p)
                .filter(p -> ((Number) p.get("id")).longValue() == poll).findFirst().orElseThrow().get("questions");
    }

    private static long option(Map<String, Object> question, int index) {
        return ((Number) ((Map<?, ?>) ((List<?>) question.get("options")).get(index)).get("id")).longValue();
    }

    private static long id(Map<String, Object> question) {
        return ((Number) question.get("id")).longValue();
    }

    private EntityExchangeResult<byte[]> answer(WebTestClient client, long poll, String browser, Map<String, Object> answers,
                                                int status) {
        var request = client.post().uri("/api/v1/surveys/" + poll + "/responses").contentType(MediaType.APPLICATION_JSON);
        if (browser != null) {
            request = request.cookie("ocenka-poll", browser);
        }
        return request.bodyValue(Map.of("answers", answers)).exchange().expectStatus().isEqualTo(status)
                .expectBody().returnResult();
    }

    private long responses() {
        return db.sql("SELECT count(*) FROM survey_response").map(r -> r.get(0, Long.class)).one().block();
    }

    @Test
    void answeredOnceAnonymouslyWithExactResultsAndClosed() {
        citizen().post().uri("/api/v1/moderation/surveys").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of())
                .exchange().expectStatus().isForbidden();
        WebTestClient moderator = loggedInAs(Role.MODERATOR, null);
        long poll = create(moderator, "Удобство портала");
        List<Map<String, Object>> questions = questions(poll);
        Map<String, Object> single = questions.get(0);
        Map<String, Object> multiple = questions.get(1);
        Map<String, Object> text = questions.get(2);
        web.get().uri("/api/v1/surveys").header("Accept-Language", "en").exchange().expectBody()
                .jsonPath("$[0].title").isEqualTo("Удобство портала (en)")
                .jsonPath("$[0].questions[1].text").isEqualTo("Чем пользуетесь?");

        // A browser without an account: once.
        WebTestClient visitor = withCsrf();
        var first = answer(visitor, poll, null, Map.of(String.valueOf(id(single)), List.of(option(single, 0)),
                String.valueOf(id(multiple)), List.of(option(multiple, 0), option(multiple, 1)),
                String.valueOf(id(text)), "Больше языков"), 201);
        String browser = first.getResponseCookies().getFirst("ocenka-poll").getValue();
        answer(visitor, poll, browser, Map.of(String.valueOf(id(single)), List.of(option(single, 1))), 409);
        // Another browser; a citizen once, even from a new browser.
        answer(visitor, poll, null, Map.of(String.valueOf(id(single)), List.of(option(single, 1)),
                String.valueOf(id(multiple)), List.of(option(multiple, 1))), 201);
        WebTestClient citizen = citizen();
        answer(citizen, poll, null, Map.of(String.valueOf(id(single)), List.of(option(single, 0))), 201);
        answer(citizen, poll, null, Map.of(String.valueOf(id(single)), List.of(option(single, 0))), 409);

        // Answers that do not fit: 400, nothing stored.
        long before = responses();
        answer(visitor, poll, null, Map.of(String.valueOf(id(single)), List.of(option(single, 0), option(single, 1))), 400);
        answer(visitor, poll, null, Map.of(String.valueOf(id(single)), List.of(987654)), 400);
        answer(visitor, poll, null, Map.of("987654", List.of(1)), 400);
        answer(visitor, poll, null, Map.of(), 400);
        assertThat(responses()).isEqualTo(before).isEqualTo(3);

        // Exact results: 3 responses; "Да" 2 of 3 answering, "Нет" 1; of the 2 that answered the second question, QR 1
        // and search 2; 1 text.
        web.get().uri("/api/v1/surveys/" + poll + "/results").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.responses").isEqualTo(3)
                .jsonPath("$.questions[0].options[0].count").isEqualTo(2)
                .jsonPath("$.questions[0].options[0].share").isEqualTo(66.7)
                .jsonPath("$.questions[0].options[1].count").isEqualTo(1)
                .jsonPath("$.questions[1].options[0].count").isEqualTo(1)
                .jsonPath("$.questions[1].options[1].count").isEqualTo(2)
                .jsonPath("$.questions[1].options[0].share").isEqualTo(50.0)
                .jsonPath("$.questions[1].options[1].share").isEqualTo(100.0)
                .jsonPath("$.questions[1].options[2].count").isEqualTo(0)
                .jsonPath("$.questions[2].texts").isEqualTo(1);
        String csv = web.get().uri("/api/v1/surveys/" + poll + "/results.csv").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv.split("\r\n")).hasSize(7).contains("Удобно ли оценивать?,Да,2,66.7", "Чем пользуетесь?,Поиск,2,100.0");

        // Closed: 410, the results stay.
        moderator.post().uri("/api/v1/moderation/surveys/" + poll + "/close").exchange().expectStatus().isNoContent();
        answer(visitor, poll, null, Map.of(String.valueOf(id(single)), List.of(option(single, 0))), 410);
        web.get().uri("/api/v1/surveys/" + poll + "/results").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.responses").isEqualTo(3);
        web.get().uri("/api/v1/surveys/987654/results").exchange().expectStatus().isNotFound();
    }

    @Test
    void oneAddressCannotStuffTheBox() {
        long poll = create(loggedInAs(Role.MODERATOR, null), "Лимит");
        Map<String, Object> single = questions(poll).get(0);
        WebTestClient visitor = withCsrf();
        for (int i = 0; i < 20; i++) {
            answer(visitor, poll, null, Map.of(String.valueOf(id(single)), List.of(option(single, 0))), 201);
        }
        answer(visitor, poll, null, Map.of(String.valueOf(id(single)), List.of(option(single, 0))), 429);
        assertThat(responses()).isEqualTo(20);
    }
}

package by.ocenka.survey;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The polls as pages, without JavaScript: the list, answering once, the results with a table. */
class SurveyPagesTest extends IntegrationTest {

    @Test
    @SuppressWarnings("unchecked")
    void aVisitorAnswersOnceAndSeesTheResults() {
        long poll = ((Number) loggedInAs(Role.MODERATOR, null).post().uri("/api/v1/moderation/surveys")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", Map.of("ru", "Часы работы поликлиник"), "closesAt", OffsetDateTime.now().plusDays(3).toString(),
                        "questions", List.of(Map.of("kind", "single", "text", Map.of("ru", "Удобны ли часы работы?"),
                                "options", List.of(Map.of("ru", "Да"), Map.of("ru", "Нет"))))))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
        Map<String, Object> survey = (Map<String, Object>) web.get().uri("/api/v1/surveys").exchange()
                .expectBody(List.class).returnResult().getResponseBody().get(0);
        Map<String, Object> question = ((List<Map<String, Object>>) survey.get("questions")).get(0);
        Object no = ((List<Map<String, Object>>) question.get("options")).get(1).get("id");

        PageSession visitor = new PageSession(web);
        assertThat(visitor.get("/polls").body()).contains("Часы работы поликлиник").contains("/polls/" + poll);
        assertThat(visitor.get("/polls/" + poll).body()).contains("Удобны ли часы работы?").contains("type=\"radio\"");
        PageSession.Page sent = visitor.post("/polls/" + poll, Map.of("q." + question.get("id"), String.valueOf(no)));
        assertThat(sent.status().value()).isEqualTo(303);
        assertThat(sent.location()).isEqualTo("/polls/" + poll + "/results?answered=1");
        String results = visitor.get(sent.location()).body();
        assertThat(results).contains("Спасибо! Ваш ответ учтён.").contains("Ответов: 1").contains("100,0 %");
        // Once per browser: the second goes to the results with a notice, and nothing more is counted.
        PageSession.Page again = visitor.post("/polls/" + poll, Map.of("q." + question.get("id"), String.valueOf(no)));
        assertThat(again.location()).isEqualTo("/polls/" + poll + "/results?survey-answered");
        assertThat(visitor.get(again.location()).body()).contains("Вы уже ответили на этот опрос.").contains("Ответов: 1");
    }
}

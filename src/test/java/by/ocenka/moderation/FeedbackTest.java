package by.ocenka.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Feedback to the portal's support (issue 16): anyone writes, through the API or the page; bad input changes nothing;
 * the message reaches the moderators' queue and the answer is mailed to the address given.
 */
class FeedbackTest extends IntegrationTest {

    private long rows() {
        return db.sql("SELECT count(*) FROM feedback").map(row -> row.get(0, Long.class)).one().block();
    }

    @Test
    void aMessageReachesTheQueueAndTheAnswerIsMailed() {
        WebTestClient visitor = withCsrf();
        visitor.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("topic", "problem", "text", "Карта не открывается на телефоне", "email", "nina@example.by"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("NEW").jsonPath("$.topic").isEqualTo("problem");

        // Bad input: 400 naming the field, nothing stored.
        for (Map<String, String> bad : List.of(Map.of("topic", "problem", "text", " "),
                Map.of("topic", "complaint", "text", "Текст"), Map.of("topic", "idea", "text", "Текст", "email", "не адрес"),
                Map.of("topic", "idea", "text", "x".repeat(4001)))) {
            visitor.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON).bodyValue(bad)
                    .exchange().expectStatus().isBadRequest();
        }
        assertThat(rows()).isEqualTo(1);

        // The page form, without an address.
        String token = web.get().uri("/feedback").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("topic", "idea");
        form.add("text", "Добавьте тёмную тему");
        form.add("_csrf", token);
        String page = web.post().uri("/feedback").cookie("XSRF-TOKEN", token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("Сообщение отправлено");
        assertThat(rows()).isEqualTo(2);

        // Citizens do not see the queue; moderators do, oldest first.
        citizen().get().uri("/api/v1/moderation/feedback").exchange().expectStatus().isForbidden();
        WebTestClient moderator = loggedInAs(Role.MODERATOR, null);
        Map<?, ?> queue = moderator.get().uri("/api/v1/moderation/feedback").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        List<?> items = (List<?>) queue.get("items");
        assertThat(items).hasSize(2);
        long first = ((Number) ((Map<?, ?>) items.get(0)).get("id")).longValue();
        assertThat(((Map<?, ?>) items.get(0)).get("text")).isEqualTo("Карта не открывается на телефоне");

        moderator.post().uri("/api/v1/moderation/feedback/" + first + "/answer").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Спасибо, исправили")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ANSWERED");
        assertThat(tokenFromMail("nina@example.by", "Спасибо, ")).isEqualTo("исправили");
        assertThat(db.sql("SELECT body FROM mail_outbox WHERE recipient = 'nina@example.by'").map(r -> r.get(0, String.class))
                .one().block()).as("the sender's own text is not relayed").doesNotContain("Карта не открывается");
        moderator.post().uri("/api/v1/moderation/feedback/" + first + "/answer").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Ещё раз")).exchange().expectStatus().isEqualTo(409);
        moderator.post().uri("/api/v1/moderation/feedback/987654/answer").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Кому?")).exchange().expectStatus().isNotFound();
        assertThat(moderator.get().uri("/api/v1/moderation/feedback").exchange().expectBody(Map.class).returnResult()
                .getResponseBody().get("total")).isEqualTo(1);
    }
}

package by.ocenka.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Comment moderation in the open (issue 16): anyone flags a published comment once; moderators hide it with a reason;
 * the public sees that it was hidden and why, the author too, the scores keep counting; the monthly figures count it.
 */
class ComplaintsTest extends IntegrationTest {

    long org;

    @BeforeEach
    void catalogue() {
        org = minskOrganization();
    }

    private WebTestClient.ResponseSpec flag(WebTestClient client, long questionnaire, Map<String, String> body) {
        return client.post().uri("/api/v1/reviews/" + questionnaire + "/complaints").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private Map<?, ?> organization() {
        clearCaches();
        return web.get().uri("/api/v1/organizations/" + org).exchange().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void aFlaggedCommentIsHiddenWithAReasonTheAuthorSeesAndTheFiguresCount() {
        accounts.create("rude@example.by", "Rude-citizen-2026", "Грубиян", true, Role.CITIZEN, null).block();
        WebTestClient author = loggedIn("rude@example.by", "Rude-citizen-2026");
        long questionnaire = ((Number) author.post().uri("/api/v1/organizations/" + org + "/ratings")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", "Все тут дураки"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
        Object scoreBefore = organization().get("score");

        // The page a "Пожаловаться" link opens: the comment and the reasons.
        assertThat(web.get().uri("/complaints/" + questionnaire).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody()).contains("Все тут дураки").contains("персональные данные");
        assertThat(web.get().uri("/o/" + org).exchange().expectBody(String.class).returnResult().getResponseBody())
                .contains("/complaints/" + questionnaire);

        // Anyone, once; bad input changes nothing.
        WebTestClient visitor = withCsrf();
        flag(visitor, questionnaire, Map.of("reason", "abuse", "text", "Оскорбление")).expectStatus().isCreated()
                .expectBody().jsonPath("$.fromOrganization").isEqualTo(false);
        flag(visitor, questionnaire, Map.of("reason", "abuse")).expectStatus().isEqualTo(409);
        flag(visitor, questionnaire, Map.of("reason", "boring")).expectStatus().isBadRequest();
        flag(visitor, 987654321, Map.of("reason", "spam")).expectStatus().isNotFound();
        // The organisation's staff ask for a review the same way; it is marked as theirs.
        flag(loggedInAs(Role.ORG_ADMIN, org), questionnaire, Map.of("reason", "off-topic")).expectStatus().isCreated()
                .expectBody().jsonPath("$.fromOrganization").isEqualTo(true);
        assertThat(db.sql("SELECT count(*) FROM complaint").map(r -> r.get(0, Long.class)).one().block()).isEqualTo(2);

        // The queue, with the comment; a citizen has none.
        citizen().get().uri("/api/v1/moderation/complaints").exchange().expectStatus().isForbidden();
        WebTestClient moderator = loggedInAs(Role.MODERATOR, null);
        Map<?, ?> queue = moderator.get().uri("/api/v1/moderation/complaints").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        List<?> items = (List<?>) queue.get("items");
        assertThat(items).hasSize(2);
        assertThat(((Map<?, ?>) items.get(0)).get("comment")).isEqualTo("Все тут дураки");
        long first = ((Number) ((Map<?, ?>) items.get(0)).get("id")).longValue();

        moderator.post().uri("/api/v1/moderation/complaints/" + first + "/hide").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "abuse")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UPHELD").jsonPath("$.decision").isEqualTo("abuse");
        moderator.post().uri("/api/v1/moderation/complaints/" + first + "/hide").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "abuse")).exchange().expectStatus().isEqualTo(409);
        // Both flags of the comment are answered by the one decision.
        assertThat(moderator.get().uri("/api/v1/moderation/complaints").exchange().expectBody(Map.class).returnResult()
                .getResponseBody().get("total")).isEqualTo(0);

        // The public sees that it was hidden and why, not the text; the score still counts it.
        clearCaches();
        web.get().uri("/api/v1/organizations/" + org + "/reviews").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].comment").doesNotExist()
                .jsonPath("$.items[0].commentHidden").isEqualTo("abuse");
        assertThat(organization().get("score")).isEqualTo(scoreBefore);
        String page = web.get().uri("/o/" + org).exchange().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("Комментарий скрыт модератором: оскорбления").doesNotContain("Все тут дураки");
        // The author sees why.
        author.get().uri("/api/v1/me/ratings").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].commentHidden").isEqualTo("abuse");
        // A hidden comment cannot be flagged again.
        flag(withCsrf(), questionnaire, Map.of("reason", "spam")).expectStatus().isNotFound();

        // The public monthly figures count it.
        web.get().uri("/api/v1/moderation-figures").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[0].complaints").isEqualTo(2)
                .jsonPath("$[0].fromOrganizations").isEqualTo(1)
                .jsonPath("$[0].hiddenByReason.abuse").isEqualTo(1)
                .jsonPath("$[0].hiddenByReason.spam").isEqualTo(0)
                .jsonPath("$[0].open").isEqualTo(0);

        // Restored: shown again.
        moderator.post().uri("/api/v1/moderation/questionnaires/" + questionnaire + "/comment/restore").exchange()
                .expectStatus().isNoContent();
        clearCaches();
        web.get().uri("/api/v1/organizations/" + org + "/reviews").exchange().expectBody()
                .jsonPath("$.items[0].comment").isEqualTo("Все тут дураки");
    }
}

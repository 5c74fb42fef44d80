package by.ocenka.cabinet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetRecords.Analytics;
import by.ocenka.support.PageSession;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Was the answer useful? The author marks the organisation's reply helpful or not, once, from the API or their ratings
 * page; nobody else can; the share of helpful replies shows beside the reply rate on the public page and in the
 * cabinet once five authors have marked, with the number it rests on.
 */
class ReplyFeedbackTest extends CabinetTesting {

    private static WebTestClient.ResponseSpec mark(WebTestClient client, long questionnaire, Object helpful) {
        Map<String, Object> body = new HashMap<>();
        body.put("helpful", helpful);
        return client.post().uri("/api/v1/me/ratings/" + questionnaire + "/reply-feedback")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static void reply(Staff staff, long questionnaire, String text) {
        staff.client().post().uri("/api/v1/cabinet/questionnaires/" + questionnaire + "/reply")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("text", text)).exchange().expectStatus().isCreated();
    }

    @Test
    void onlyTheAuthorMarksAReplyAndOnlyOnce() {
        Subtrees tree = tree();
        List<WebTestClient> citizens = citizens(2);
        long questionnaire = rate(citizens.get(0), tree.unit(), LOW, "Долго ждали в очереди");
        Staff admin = staff(Role.ORG_ADMIN, tree.body());

        mark(citizens.get(0), questionnaire, true).expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").value(type -> assertThat(type.toString()).endsWith("reply-not-found"));
        reply(admin, questionnaire, "Спасибо, открыли второе окно.");

        mark(citizens.get(1), questionnaire, true).expectStatus().isForbidden();
        mark(citizens.get(0), questionnaire, null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("helpful");
        mark(citizens.get(0), 987_654_321L, true).expectStatus().isNotFound();
        mark(withCsrf(), questionnaire, true).expectStatus().isUnauthorized();

        mark(citizens.get(0), questionnaire, true).expectStatus().isNoContent();
        mark(citizens.get(0), questionnaire, false).expectStatus().isEqualTo(409);
        assertThat(db.sql("SELECT helpful FROM questionnaire_reply WHERE questionnaire_id = :q").bind("q", questionnaire)
                .map(row -> row.get("helpful", Boolean.class)).one().block()).as("the first mark stays").isTrue();
        // The author sees what they said; the public review says it too.
        citizens.get(0).get().uri("/api/v1/me/ratings").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].reply.helpful").isEqualTo(true);
        web.get().uri("/api/v1/organizations/" + tree.unit() + "/reviews").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].reply.helpful").isEqualTo(true);
    }

    @Test
    void theShareShowsFromFiveMarksOnThePublicPageAndInTheCabinet() {
        Subtrees tree = tree();
        List<WebTestClient> citizens = citizens(6);
        Staff admin = staff(Role.ORG_ADMIN, tree.body());
        List<Long> questionnaires = new ArrayList<>();
        for (WebTestClient citizen : citizens) {
            long questionnaire = rate(citizen, tree.unit(), LOW, "Долго ждали в очереди");
            reply(admin, questionnaire, "Спасибо, открыли второе окно.");
            questionnaires.add(questionnaire);
        }
        for (int i = 0; i < 4; i++) {
            mark(citizens.get(i), questionnaires.get(i), i < 3).expectStatus().isNoContent();
        }
        clearCaches();
        assertThat(page(tree.unit())).as("four marks: no share yet").doesNotContain("id=\"helpful-share\"");
        assertThat(analytics(admin, tree.body()).replies().helpfulShare()).isNull();
        assertThat(analytics(admin, tree.body()).replies().helpfulCount()).isEqualTo(4);

        mark(citizens.get(4), questionnaires.get(4), true).expectStatus().isNoContent();
        clearCaches();
        assertThat(page(tree.unit())).contains("Авторы отзывов сочли полезными 80 % ответов (отметок за год: 5)");
        Analytics figures = analytics(admin, tree.body());
        assertThat(figures.replies().helpfulCount()).isEqualTo(5);
        assertThat(figures.replies().helpfulShare()).isEqualTo(80.0);
    }

    @Test
    void theAuthorMarksFromTheirRatingsPageAndIsToldWhatHappened() {
        Subtrees tree = tree();
        citizens(1);
        PageSession author = new PageSession(web);
        author.get("/login");
        assertThat(author.post("/login", Map.of("email", "citizen1@load.test", "password", "pw-1-secret")).status().value())
                .isEqualTo(303);
        long questionnaire = rate(citizens1(), tree.unit());
        reply(staff(Role.ORG_ADMIN, tree.body()), questionnaire, "Спасибо, открыли второе окно.");

        PageSession.Page mine = author.get("/account/ratings");
        assertThat(mine.body()).contains("Помог ли вам этот ответ?")
                .contains("/account/ratings/" + questionnaire + "/reply-feedback");
        // Only the page's two buttons count: anything else is not taken for a "no".
        assertThat(author.post("/account/ratings/" + questionnaire + "/reply-feedback", Map.of("helpful", "maybe")).location())
                .isEqualTo("/account/ratings#rating-" + questionnaire);
        assertThat(author.get("/account/ratings").body()).contains("Помог ли вам этот ответ?");
        PageSession.Page marked = author.post("/account/ratings/" + questionnaire + "/reply-feedback", Map.of("helpful", "false"));
        assertThat(marked.status().value()).isEqualTo(303);
        assertThat(marked.location()).isEqualTo("/account/ratings?marked=" + questionnaire + "#rating-" + questionnaire);
        PageSession.Page after = author.get("/account/ratings?marked=" + questionnaire);
        assertThat(after.body()).contains("Спасибо, ваша отметка сохранена").contains("Вы отметили: ответ не помог.")
                .doesNotContain("Помог ли вам этот ответ?");

        // A second press (another tab): nothing changes, and the page says why.
        PageSession.Page again = author.post("/account/ratings/" + questionnaire + "/reply-feedback", Map.of("helpful", "true"));
        assertThat(again.location()).isEqualTo("/account/ratings?markRefused=" + questionnaire
                + "&why=reply-feedback-given#rating-" + questionnaire);
        assertThat(author.get(again.location().replace("#rating-" + questionnaire, "")).body())
                .contains("Вы уже сказали, помог ли этот ответ").contains("Вы отметили: ответ не помог.");
        // What an address claims is not shown: an unknown reason says nothing.
        assertThat(author.get("/account/ratings?markRefused=" + questionnaire + "&why=status.500").body())
                .doesNotContain("Внутренняя ошибка");
    }

    private WebTestClient citizens1() {
        return loggedIn("citizen1@load.test", "pw-1-secret");
    }

    private static long rate(WebTestClient citizen, long organization) {
        return rate(citizen, organization, LOW, "Долго ждали в очереди");
    }

    private String page(long organization) {
        return web.get().uri("/o/" + organization).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static Analytics analytics(Staff admin, long organization) {
        return admin.client().get().uri("/api/v1/cabinet/organizations/" + organization + "/analytics").exchange()
                .expectStatus().isOk().expectBody(Analytics.class).returnResult().getResponseBody();
    }
}

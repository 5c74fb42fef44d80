package by.ocenka.moderation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organisation's staff doubt a questionnaire and ask the moderators to review it, from the cabinet; a moderator
 * takes one out of the count (it leaves the public reviews and the score) and keeps another, answering both; the staff
 * member reads the answers beside the questionnaires and by mail. Nobody outside the subtree may ask.
 */
class ReviewRequestsTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    @Test
    void staffAskTheModeratorsTakeOneOutAndKeepAnotherAndTheStaffReadTheAnswers() {
        Subtrees tree = Subtrees.load(demo, db);
        long body = tree.body();
        long unit = tree.unit();
        RatingTestSupport.citizens(db, 1, 2);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 2);
        long doubted = rate(citizens.get(0), unit, Map.of("SIMPLICITY", 1, "INFORMATION", 1, "TIMELINESS", 1,
                "POLITENESS", 1, "OVERALL", 1), "Худшее место в городе, никому не советую");
        long kept = rate(citizens.get(1), unit, RatingTestSupport.FIVES, "Спасибо");

        String email = "doubter" + System.nanoTime() + "@org.test";
        accounts.create(email, "doubter password 1", "Заведующая отделом", true, Role.ORG_ADMIN, body).block(Duration.ofSeconds(30));
        PageSession staff = new PageSession(web);
        staff.get("/login");
        staff.post("/login", Map.of("email", email, "password", "doubter password 1"));
        assertThat(staff.get("/cabinet/" + body).body()).contains("Попросить модераторов проверить анкету")
                .contains("action=\"/cabinet/" + body + "/questionnaires/" + doubted + "/review\"");
        PageSession.Page tooShort = staff.post("/cabinet/" + body + "/questionnaires/" + doubted + "/review",
                Map.of("reason", "?", "back", ""));
        assertThat(tooShort.location()).contains("error=400");
        PageSession.Page asked = staff.post("/cabinet/" + body + "/questionnaires/" + doubted + "/review",
                Map.of("reason", "Оценка пришла в день, когда учреждение было закрыто", "back", ""));
        assertThat(staff.get(asked.location()).body()).contains("Просьба отправлена модераторам")
                .contains("Модераторы проверяют эту анкету по вашей просьбе.");
        WebTestClient api = loggedIn(email, "doubter password 1");
        api.post().uri("/api/v1/cabinet/questionnaires/" + doubted + "/review-requests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "Ещё раз")).exchange().expectStatus().isEqualTo(409);
        long kept1 = ((Number) api.post().uri("/api/v1/cabinet/questionnaires/" + kept + "/review-requests")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "Подозрительно похоже на нашего сотрудника"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
        // Outside the subtree, or a citizen: refused.
        loggedInAs(Role.CITIZEN, null).post().uri("/api/v1/cabinet/questionnaires/" + kept + "/review-requests")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "Не нравится")).exchange()
                .expectStatus().isForbidden();

        PageSession moderator = pageAs(Role.MODERATOR, null);
        String desk = moderator.get("/moderation/requests").body();
        assertThat(desk).contains("Оценка пришла в день, когда учреждение было закрыто")
                .contains("Худшее место в городе, никому не советую");
        long doubtedRequest = db.sql("SELECT id FROM review_request WHERE questionnaire_id = :q").bind("q", doubted)
                .map(r -> r.get("id", Long.class)).one().block();
        PageSession.Page upheld = moderator.post("/moderation/review-requests/" + doubtedRequest + "/uphold",
                Map.of("answer", "Подтвердили: в этот день учреждение не работало"));
        assertThat(moderator.get(upheld.location()).body()).contains("Анкета убрана из оценок");
        loggedInAs(Role.MODERATOR, null).post().uri("/api/v1/moderation/review-requests/" + kept1 + "/dismiss")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("answer", "Признаков подделки нет"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DISMISSED");

        // The doubted one left the public reviews and the score; the other stays.
        eventually(() -> web.get().uri("/api/v1/organizations/" + unit).exchange().expectBody()
                .jsonPath("$.ratingsCount").isEqualTo(1).jsonPath("$.score").isEqualTo(5.0));
        eventually(() -> web.get().uri("/api/v1/organizations/" + unit + "/reviews").exchange().expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of((int) kept)));
        String cabinet = staff.get("/cabinet/" + body).body();
        assertThat(cabinet).contains("убрали её: она не видна и не учитывается. Ответ: Подтвердили")
                .contains("оставили её. Ответ: Признаков подделки нет");
        assertThat(tokenFromMail(email, "Ответ модератора: ")).isIn("Подтвердили:", "Признаков");
    }

    private static long rate(WebTestClient citizen, long organization, Map<String, Integer> scores, String comment) {
        return ((Number) citizen.post().uri("/api/v1/organizations/" + organization + "/ratings")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("scores", scores, "comment", comment))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
    }
}

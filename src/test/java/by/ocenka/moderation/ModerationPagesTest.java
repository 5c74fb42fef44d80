package by.ocenka.moderation;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The moderators' desk as a moderator works it in a browser (plain forms, no JavaScript): held bursts released,
 * a flagged comment hidden with a reason, a message answered by mail, a poll created with its errors first and closed.
 */
class ModerationPagesTest extends IntegrationTest {

    private PageSession moderator;

    @BeforeEach
    void signIn() {
        String email = "mod-" + System.nanoTime() + "@example.by";
        accounts.create(email, "correct horse battery", "Модератор", true, Role.MODERATOR, null).block(Duration.ofSeconds(30));
        moderator = new PageSession(web);
        moderator.get("/login");
        assertThat(moderator.post("/login", Map.of("email", email, "password", "correct horse battery")).status().value())
                .isEqualTo(303);
    }

    @Test
    void onlyModeratorsSeeTheDesk() {
        assertThat(new PageSession(web).get("/moderation").location()).isEqualTo("/login?next=/moderation");
        String email = "c-" + System.nanoTime() + "@example.by";
        accounts.create(email, "correct horse battery", "Гражданин", true, Role.CITIZEN, null).block(Duration.ofSeconds(30));
        PageSession citizen = new PageSession(web);
        citizen.get("/login");
        citizen.post("/login", Map.of("email", email, "password", "correct horse battery"));
        assertThat(citizen.get("/moderation").status().value()).isEqualTo(403);
        assertThat(citizen.get("/").body()).doesNotContain("href=\"/moderation\"");
        assertThat(moderator.get("/").body()).contains("href=\"/moderation\"");
    }

    @Test
    void aHeldRatingIsShownWithoutItsAuthorAndReleasedIntoTheRanking() {
        minskOrganization();
        long[] child = db.sql("SELECT id, parent_id FROM organization WHERE status = 'ACTIVE' AND parent_id IS NOT NULL ORDER BY id LIMIT 1")
                .map(row -> new long[] {row.get("id", Long.class), row.get("parent_id", Long.class)}).one().block();
        // The body above's own admin rates the organisation: held for the staff reason.
        WebTestClient staff = loggedInAs(Role.ORG_ADMIN, child[1]);
        staff.post().uri("/api/v1/organizations/{id}/ratings", child[0]).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", Map.of("SIMPLICITY", 5, "INFORMATION", 5, "TIMELINESS", 5, "POLITENESS", 5,
                        "OVERALL", 5), "comment", "Мы лучшие"))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.held").isEqualTo(true);

        PageSession.Page desk = moderator.get("/moderation");
        assertThat(desk.body()).contains("от сотрудников самой организации").contains("Оценок: 1")
                .contains("/moderation/held/" + child[0] + "/staff/release").doesNotContain("Test ORG_ADMIN");
        PageSession.Page burst = moderator.get("/moderation?tab=held&organization=" + child[0] + "&reason=staff");
        assertThat(burst.body()).contains("Оценки этой группы: 1").contains("Мы лучшие").doesNotContain("Test ORG_ADMIN");

        PageSession.Page released = moderator.post("/moderation/held/" + child[0] + "/staff/release", Map.of());
        assertThat(released.location()).isEqualTo("/moderation?tab=held&done=released");
        assertThat(moderator.get(released.location()).body()).contains("Оценок выпущено в рейтинг: 1")
                .contains("Задержанных оценок нет.");
        assertThat(db.sql("SELECT status FROM questionnaire WHERE organization_id = :o").bind("o", child[0])
                .map(r -> r.get("status", String.class)).one().block()).isEqualTo("PUBLISHED");
        eventually(() -> web.get().uri("/api/v1/organizations/{id}", child[0]).exchange().expectBody()
                .jsonPath("$.ratingsCount").isEqualTo(1));
    }

    @Test
    void aFlaggedCommentIsHiddenWithAReasonAndAMessageIsAnswered() {
        long org = minskOrganization();
        long questionnaire = ((Number) citizen().post().uri("/api/v1/organizations/{id}/ratings", org)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", Map.of("SIMPLICITY", 2, "INFORMATION", 3, "TIMELINESS", 2, "POLITENESS", 1,
                        "OVERALL", 2), "comment", "Купите у нас окна недорого"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
        withCsrf().post().uri("/api/v1/reviews/{id}/complaints", questionnaire).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "off-topic")).exchange().expectStatus().isCreated();

        PageSession.Page queue = moderator.get("/moderation?tab=complaints");
        assertThat(queue.body()).contains("Купите у нас окна недорого").contains("не по теме");
        long complaint = db.sql("SELECT id FROM complaint").map(r -> r.get("id", Long.class)).one().block();
        PageSession.Page hidden = moderator.post("/moderation/complaints/" + complaint + "/hide", Map.of("reason", "spam"));
        assertThat(hidden.location()).isEqualTo("/moderation?tab=complaints&done=hidden");
        assertThat(moderator.get(hidden.location()).body()).contains("Комментарий скрыт.").contains("Открытых жалоб нет.");
        assertThat(db.sql("SELECT comment_hidden FROM questionnaire WHERE id = :id").bind("id", questionnaire)
                .map(r -> r.get("comment_hidden", String.class)).one().block()).isEqualTo("spam");
        // A second decision on the same flag is told, not failed.
        assertThat(moderator.post("/moderation/complaints/" + complaint + "/dismiss", Map.of()).location())
                .isEqualTo("/moderation?tab=complaints&done=already");

        withCsrf().post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("topic", "question", "text", "Как удалить учётную запись?", "email", "olga@example.by"))
                .exchange().expectStatus().isCreated();
        assertThat(moderator.get("/moderation?tab=feedback").body()).contains("Как удалить учётную запись?")
                .contains("olga@example.by");
        long message = db.sql("SELECT id FROM feedback").map(r -> r.get("id", Long.class)).one().block();
        assertThat(moderator.post("/moderation/feedback/" + message + "/answer", Map.of("text", " ")).location())
                .isEqualTo("/moderation?tab=feedback&done=empty");
        PageSession.Page answered = moderator.post("/moderation/feedback/" + message + "/answer",
                Map.of("text", "В разделе «Учётная запись», внизу страницы"));
        assertThat(answered.location()).isEqualTo("/moderation?tab=feedback&done=answered");
        assertThat(tokenFromMail("olga@example.by", "В разделе ")).isEqualTo("«Учётная");
        assertThat(moderator.get("/moderation?tab=feedback").body()).contains("Новых обращений нет.");
    }

    @Test
    void aPollIsCreatedFromThePageAfterItsErrorsAndClosed() {
        PageSession.Page invalid = moderator.post("/moderation/polls", Map.of("titleRu", "", "closes", "2001-01-01",
                "kind", "single", "question", "Удобно ли?", "options", "Да"));
        assertThat(invalid.status().value()).isEqualTo(400);
        assertThat(invalid.body()).contains("data-error-summary").contains("обязательное поле")
                .contains("дата должна быть позже сегодняшней").contains("нужно не меньше двух вариантов")
                .contains("value=\"Удобно ли?\"");
        assertThat(db.sql("SELECT count(*) AS n FROM survey").map(r -> r.get("n", Long.class)).one().block()).isZero();

        String closes = LocalDate.now().plusDays(30).toString();
        PageSession.Page created = moderator.post("/moderation/polls", Map.of("titleRu", "Удобство приёма",
                "titleEn", "Reception", "closes", closes, "kind", "single", "question", "Удобно ли записаться на приём?",
                "options", "Да\nНет\n\nНе пробовал"));
        assertThat(created.location()).isEqualTo("/moderation?tab=polls&done=created");
        PageSession.Page list = moderator.get(created.location());
        assertThat(list.body()).contains("Опрос создан.").contains("Удобство приёма").contains("Завершить опрос");
        long poll = db.sql("SELECT id FROM survey").map(r -> r.get("id", Long.class)).one().block();
        web.get().uri("/api/v1/surveys").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[0].questions[0].options.length()").isEqualTo(3);

        assertThat(moderator.post("/moderation/polls/" + poll + "/close", Map.of()).location())
                .isEqualTo("/moderation?tab=polls&done=closed");
        web.get().uri("/api/v1/surveys").exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        assertThat(List.of(moderator.get("/moderation?tab=polls").body())).allMatch(b -> b.contains("завершён"));
    }
}

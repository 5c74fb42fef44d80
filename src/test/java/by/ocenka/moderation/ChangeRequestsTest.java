package by.ocenka.moderation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organisation's admins ask to change its name, UNP or parent (never directly); a moderator applies the change or
 * refuses it with a reason. An applied change shows on the public page and moves the organisation between its
 * parents' rankings; the audit trail has the old and new values; the admin is mailed either way.
 */
class ChangeRequestsTest extends IntegrationTest {

    @Test
    void anAdminAsksAModeratorAppliesAndTheOrganisationMovesWithItsRanking() {
        minskOrganization();
        Map<String, Object> placed = db.sql("""
                        SELECT o.id, o.parent_id, q.id AS other, q.unp AS other_unp FROM organization o
                        JOIN organization q ON q.status = 'ACTIVE' AND q.unp IS NOT NULL AND q.id <> o.parent_id
                             AND NOT EXISTS (SELECT 1 FROM org_closure c WHERE c.ancestor_id = o.id AND c.descendant_id = q.id)
                        WHERE o.parent_id IS NOT NULL AND o.status = 'ACTIVE' ORDER BY o.id, q.id LIMIT 1""")
                .fetch().one().block();
        long organization = ((Number) placed.get("id")).longValue();
        long oldParent = ((Number) placed.get("parent_id")).longValue();
        long newParent = ((Number) placed.get("other")).longValue();
        String newParentUnp = (String) placed.get("other_unp");
        String adminEmail = "head" + System.nanoTime() + "@example.by";
        accounts.create(adminEmail, "head password 1", "Руководитель", true, Role.ORG_ADMIN, organization).block(Duration.ofSeconds(30));
        WebTestClient admin = loggedIn(adminEmail, "head password 1");
        RatingTestSupport.citizens(db, 1, 1);
        RatingTestSupport.sessions(web, 1, 1).get(0).post().uri("/api/v1/organizations/" + organization + "/ratings")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(RatingTestSupport.body(RatingTestSupport.FIVES))
                .exchange().expectStatus().isCreated();
        // The rankings follow the rating within milliseconds (written behind it).
        eventually(() -> web.get().uri("/api/v1/rankings?scope=parent&id=" + oldParent).exchange().expectBody()
                .jsonPath("$.items[0].organization.id").isEqualTo((int) organization));

        // Nothing to change, a malformed UNP, or the organisation as its own parent: 400, nothing filed.
        admin.post().uri(changes(organization)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("comment", "Приказ № 5")).exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("name");
        admin.post().uri(changes(organization)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("unp", "12345", "comment", "Приказ № 5")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("unp");
        admin.post().uri(changes(organization)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("parentId", organization, "comment", "Приказ № 5")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        // Only the organisation's admins may ask: a responder and a citizen are refused.
        loggedInAs(Role.ORG_RESPONDER, organization).post().uri(changes(organization)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Другое имя", "comment", "Приказ № 5")).exchange().expectStatus().isForbidden();
        citizen().post().uri(changes(organization)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Другое имя", "comment", "Приказ № 5")).exchange().expectStatus().isForbidden();
        assertThat(count("SELECT count(*) AS n FROM org_change_request")).isZero();

        Map<String, Object> wanted = new HashMap<>();
        wanted.put("name", "Учреждение после переименования");
        wanted.put("parentUnp", newParentUnp);
        wanted.put("comment", "Приказ № 17 от 1 декабря 2026 г.");
        long request = ((Number) admin.post().uri(changes(organization)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(wanted).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody().get("id")).longValue();
        // Asked for, not done: the catalogue is unchanged until a moderator decides.
        admin.get().uri(changes(organization)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.current.parentId").isEqualTo((int) oldParent)
                .jsonPath("$.requests[0].status").isEqualTo("PENDING")
                .jsonPath("$.requests[0].parentId").isEqualTo((int) newParent);

        WebTestClient moderator = loggedInAs(Role.MODERATOR, null);
        moderator.get().uri("/api/v1/moderation/change-requests").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].id").isEqualTo((int) request)
                .jsonPath("$.items[0].name").isEqualTo("Учреждение после переименования");
        moderator.post().uri("/api/v1/moderation/change-requests/" + request + "/approve").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("APPROVED")
                .jsonPath("$.currentName").isEqualTo("Учреждение после переименования")
                .jsonPath("$.currentParentId").isEqualTo((int) newParent);
        moderator.post().uri("/api/v1/moderation/change-requests/" + request + "/approve").exchange()
                .expectStatus().isEqualTo(409);

        eventually(() -> web.get().uri("/api/v1/organizations/" + organization).exchange().expectBody()
                .jsonPath("$.name").isEqualTo("Учреждение после переименования")
                .jsonPath("$.parent.id").isEqualTo((int) newParent));
        // It left the old parent's ranking for the new one's (a rebuild after the move).
        eventually(() -> web.get().uri("/api/v1/rankings?scope=parent&id=" + newParent).exchange().expectBody()
                .jsonPath("$.items[?(@.organization.id == " + organization + ")]").isNotEmpty());
        eventually(() -> web.get().uri("/api/v1/rankings?scope=parent&id=" + oldParent).exchange().expectBody()
                .jsonPath("$.items[?(@.organization.id == " + organization + ")]").isEmpty());
        assertThat(db.sql("SELECT details::text AS d FROM audit_event WHERE action = 'organization.identity'")
                .map(r -> r.get("d", String.class)).one().block())
                .contains("\"parentId\": " + oldParent).contains("\"parentId\": " + newParent)
                .contains("Учреждение после переименования");
        assertThat(tokenFromMail(adminEmail, "Страница организации: ")).endsWith("/o/" + organization);
    }

    @Test
    void onThePagesTheAdminAsksAndTheModeratorRefusesWithAReason() {
        long organization = minskOrganization();
        String adminEmail = "pages" + System.nanoTime() + "@example.by";
        accounts.create(adminEmail, "pages password 1", "Заведующая", true, Role.ORG_ADMIN, organization).block(Duration.ofSeconds(30));
        PageSession admin = new PageSession(web);
        admin.get("/login");
        assertThat(admin.post("/login", Map.of("email", adminEmail, "password", "pages password 1")).status().value())
                .isEqualTo(303);

        String profile = "/cabinet/" + organization + "/profile";
        assertThat(admin.get(profile).body()).contains("id=\"identity\"").contains("action=\"/cabinet/" + organization
                + "/change-requests\"");
        // A form with nothing to change comes back saying so, with the basis kept.
        PageSession.Page empty = admin.post("/cabinet/" + organization + "/change-requests",
                Map.of("name", "", "unp", "", "parentUnp", "", "comment", "Приказ № 9"));
        assertThat(empty.status().value()).isEqualTo(400);
        assertThat(empty.body()).contains("укажите, что должно измениться").contains("Приказ № 9");
        PageSession.Page sent = admin.post("/cabinet/" + organization + "/change-requests",
                Map.of("name", "Новое имя учреждения", "unp", "", "parentUnp", "", "comment", "Приказ № 9"));
        assertThat(sent.status().value()).isEqualTo(303);
        assertThat(admin.get(sent.location()).body()).contains("Просьба отправлена модераторам")
                .contains("ждёт решения").contains("наименование → «Новое имя учреждения»");

        PageSession moderator = pageAs(Role.MODERATOR, null);
        long request = count("SELECT id AS n FROM org_change_request");
        assertThat(moderator.get("/moderation/requests").body()).contains("Новое имя учреждения").contains("Приказ № 9")
                .contains("action=\"/moderation/change-requests/" + request + "/approve\"");
        PageSession.Page refused = moderator.post("/moderation/change-requests/" + request + "/reject",
                Map.of("reason", "Приказ не приложен"));
        assertThat(refused.status().value()).isEqualTo(303);
        assertThat(moderator.get(refused.location()).body()).contains("Просьба отклонена");
        assertThat(admin.get(profile).body()).contains("отклонено").contains("Причина отказа: Приказ не приложен");
        assertThat(tokenFromMail(adminEmail, "Причина: ")).isEqualTo("Приказ");
        web.get().uri("/api/v1/organizations/" + organization).exchange().expectBody()
                .jsonPath("$.name").value(name -> assertThat((String) name).isNotEqualTo("Новое имя учреждения"));
    }

    private static String changes(long organization) {
        return "/api/v1/cabinet/organizations/" + organization + "/change-requests";
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get("n")).longValue()).one().block();
    }
}

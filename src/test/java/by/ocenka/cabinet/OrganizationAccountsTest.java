package by.ocenka.cabinet;

import java.time.Duration;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal admin issues organisation accounts as the procedure asks: the UNP must be the organisation's or its
 * legal entity's, the position is kept with the role, and the page issues, lists and takes roles back without
 * JavaScript; nobody else may use it.
 */
class OrganizationAccountsTest extends CabinetTesting {

    @Test
    void theUnpIsCheckedAndThePositionKeptWithTheRole() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        Map<String, Object> unit = db.sql("""
                        SELECT c.id, p.unp FROM organization c JOIN organization p ON p.id = c.parent_id
                        WHERE p.unp IS NOT NULL AND c.unp IS NULL ORDER BY c.id LIMIT 1""")
                .map(r -> Map.<String, Object>of("id", r.get("id", Long.class), "unp", r.get("unp", String.class))).one().block();
        long organization = (Long) unit.get("id");
        String otherUnp = db.sql("""
                        SELECT o.unp FROM organization o WHERE o.unp IS NOT NULL
                          AND o.id NOT IN (SELECT ancestor_id FROM org_closure WHERE descendant_id = :id) ORDER BY o.id LIMIT 1""")
                .bind("id", organization).map(r -> r.get("unp", String.class)).one().block();
        WebTestClient admin = loggedInAs(Role.ADMIN, null);

        admin.post().uri("/api/v1/admin/org-admins").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "deputy@unit.gov.by", "displayName", "Петрова Анна Сергеевна",
                        "position", "заместитель начальника", "unp", otherUnp, "organizationId", organization,
                        "role", "org-responder"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("unp");
        admin.post().uri("/api/v1/admin/org-admins").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "deputy@unit.gov.by", "displayName", "Петрова Анна Сергеевна",
                        "organizationId", organization, "role", "chief"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("role");
        assertThat(db.sql("SELECT count(*) AS n FROM app_user WHERE email = 'deputy@unit.gov.by'")
                .map(r -> r.get("n", Long.class)).one().block()).isZero();

        // The legal entity's UNP for a unit that has none of its own.
        admin.post().uri("/api/v1/admin/org-admins").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "deputy@unit.gov.by", "displayName", "Петрова Анна Сергеевна",
                        "position", "заместитель начальника", "unp", unit.get("unp"), "organizationId", organization,
                        "role", "org-responder"))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.role").isEqualTo("ORG_RESPONDER")
                .jsonPath("$.status").isEqualTo("created");
        assertThat(db.sql("""
                        SELECT r.role, r.position FROM user_role r JOIN app_user u ON u.id = r.user_id
                        WHERE u.email = 'deputy@unit.gov.by' AND r.organization_id = :org""")
                .bind("org", organization).map(r -> r.get("role", String.class) + "/" + r.get("position", String.class))
                .one().block()).isEqualTo("ORG_RESPONDER/заместитель начальника");
    }

    @Test
    void theAdminsPageIssuesListsAndTakesBack() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        Map<String, Object> org = db.sql("SELECT id, unp FROM organization WHERE unp IS NOT NULL ORDER BY id LIMIT 1")
                .map(r -> Map.<String, Object>of("id", r.get("id", Long.class), "unp", r.get("unp", String.class))).one().block();
        PageSession admin = pageAs(Role.ADMIN, null);
        PageSession.Page page = admin.get("/admin/accounts");
        assertThat(page.status().value()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"position\"").contains("name=\"unp\"").contains("href=\"/admin/accounts\"");

        PageSession.Page refused = admin.post("/admin/accounts", Map.of("displayName", "Иванов Иван Иванович",
                "email", "head@org.gov.by", "position", "", "unp", "", "organization", "/o/" + org.get("id"),
                "role", "org-admin"));
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"err-position\"").contains("id=\"err-unp\"")
                .contains("value=\"Иванов Иван Иванович\"");

        PageSession.Page issued = admin.post("/admin/accounts", Map.of("displayName", "Иванов Иван Иванович",
                "email", "head@org.gov.by", "position", "начальник управления", "unp", (String) org.get("unp"),
                "organization", "https://ocenka.example/o/" + org.get("id"), "role", "org-admin"));
        assertThat(issued.status().value()).isEqualTo(303);
        PageSession.Page list = admin.get(issued.location());
        assertThat(list.body()).contains("Учётная запись создана").contains("Иванов Иван Иванович")
                .contains("начальник управления").contains("head@org.gov.by");
        long userId = db.sql("SELECT id FROM app_user WHERE email = 'head@org.gov.by'").map(r -> r.get("id", Long.class)).one().block();

        PageSession.Page revoked = admin.post("/admin/accounts/" + userId + "/revoke",
                Map.of("role", "ORG_ADMIN", "organization", String.valueOf(org.get("id"))));
        assertThat(admin.get(revoked.location()).body()).contains("Роль отозвана");
        assertThat(db.sql("SELECT count(*) AS n FROM user_role WHERE user_id = :u AND role = 'ORG_ADMIN'").bind("u", userId)
                .map(r -> r.get("n", Long.class)).one().block()).isZero();

        PageSession moderator = pageAs(Role.MODERATOR, null);
        assertThat(moderator.get("/admin/accounts").status().value()).isEqualTo(403);
        assertThat(new PageSession(web).get("/admin/accounts").location()).isEqualTo("/login?next=/admin/accounts");
    }
}

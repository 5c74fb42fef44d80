package by.ocenka.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What a user changes about their own account, organisation admins issued by admins, and the write limit. */
class AccountSettingsTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    @Test
    void renameChangePasswordAndDelete() {
        accounts.register("sasha@example.by", "Vitebsk-slavianski-1992", "Саша", Locale.ROOT).block();
        WebTestClient me = loggedIn("sasha@example.by", "Vitebsk-slavianski-1992");
        me.patch().uri("/api/v1/me").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("displayName", "Александр"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.displayName").isEqualTo("Александр");

        me.post().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", "not-mine-at-all", "newPassword", "Vitebsk-new-pass-2026"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("currentPassword");
        me.post().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", "Vitebsk-slavianski-1992", "newPassword", "1234567890"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("newPassword");
        me.post().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", "Vitebsk-slavianski-1992", "newPassword", "Vitebsk-new-pass-2026"))
                .exchange().expectStatus().isNoContent();
        WebTestClient again = loggedIn("sasha@example.by", "Vitebsk-new-pass-2026");

        again.delete().uri("/api/v1/me").exchange().expectStatus().isNoContent();
        again.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        withCsrf().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "sasha@example.by", "password", "Vitebsk-new-pass-2026"))
                .exchange().expectStatus().isUnauthorized();
        Map<String, Object> row = db.sql("SELECT email, display_name, password_hash, deleted_at FROM app_user")
                .fetch().one().block();
        assertThat(row.get("email").toString()).startsWith("deleted-").doesNotContain("sasha");
        assertThat(row.get("display_name")).isEqualTo("—");
        assertThat(row.get("password_hash")).isNull();
        assertThat(row.get("deleted_at")).isNotNull();
        // The address is free again.
        accounts.register("sasha@example.by", "Vitebsk-slavianski-1992", "Саша", Locale.ROOT).block();
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminsIssueOrganisationAdminsWhoSetTheirPasswordFromTheMail() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        long organization = db.sql("SELECT id FROM organization WHERE name = 'Минский городской исполнительный комитет'")
                .map(r -> r.get("id", Long.class)).one().block();
        Map<String, Object> body = Map.of("email", "head@minsk.gov.by", "displayName", "Начальник отдела",
                "organizationId", organization);
        citizen().post().uri("/api/v1/admin/org-admins").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isForbidden();
        WebTestClient admin = loggedInAs(Role.ADMIN, null);
        admin.post().uri("/api/v1/admin/org-admins").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "x@minsk.gov.by", "displayName", "Икс Игрекович", "organizationId", 987654321))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("organizationId");
        admin.post().uri("/api/v1/admin/org-admins").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.role").isEqualTo("ORG_ADMIN")
                .jsonPath("$.status").isEqualTo("created");

        List<Map<String, Object>> inbox = web.get().uri("/dev/mail").accept(MediaType.APPLICATION_JSON).exchange().expectBody(List.class).returnResult().getResponseBody();
        String text = (String) inbox.get(0).get("text");
        assertThat(inbox.get(0).get("to")).isEqualTo("head@minsk.gov.by");
        String token = text.substring(text.indexOf("token=") + 6).split("\\s")[0];
        withCsrf().post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "newPassword", "Nemiga-river-1067")).exchange().expectStatus().isNoContent();
        loggedIn("head@minsk.gov.by", "Nemiga-river-1067").get().uri("/api/v1/me").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.roles[0]").isEqualTo("ORG_ADMIN");
        assertThat(db.sql("SELECT organization_id FROM user_role WHERE role = 'ORG_ADMIN'")
                .map(r -> r.get("organization_id", Long.class)).one().block()).isEqualTo(organization);
    }

    @Test
    void writesPastTheLimitGet429AndChangeNothing() {
        // Sixty writes a minute per user (the login before it is counted for the address only).
        WebTestClient citizen = citizen();
        for (int i = 0; i < 60; i++) {
            citizen.post().uri("/api/v1/organization-requests").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "Отделение " + i, "address", "Минск", "sphereId", 5))
                    .exchange().expectStatus().isCreated();
        }
        citizen.post().uri("/api/v1/organization-requests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ещё одно", "address", "Минск", "sphereId", 5))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/rate-limited");
        assertThat(db.sql("SELECT count(*) AS n FROM org_request").map(r -> r.get("n", Long.class)).one().block()).isEqualTo(60);
    }
}

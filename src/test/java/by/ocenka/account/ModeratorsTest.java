package by.ocenka.account;

import java.time.Duration;
import java.util.Map;

import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal admin makes moderators: a new address gets an account with a mailed link to set its password; an
 * existing account is only offered the role, which its owner takes by accepting it signed in (no role is attached to
 * someone else's account). The admin lists them, takes the role back (their sessions end) and withdraws offers;
 * nobody else may.
 */
class ModeratorsTest extends IntegrationTest {

    @Test
    void aNewAddressGetsAnAccountAnExistingOneAnOfferAndTheAdminTakesTheRoleBack() {
        WebTestClient admin = loggedInAs(Role.ADMIN, null);
        admin.post().uri("/api/v1/admin/moderators").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "not-an-address", "displayName", "Я")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString())
                        .contains("email").contains("displayName"));
        assertThat(moderators()).isZero();

        // A new address: an account of its own, the role with it, and a mailed link to set the password.
        admin.post().uri("/api/v1/admin/moderators").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "new.moderator@example.by", "displayName", "Ольга Новикова")).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("CREATED");
        String token = tokenFromMail("new.moderator@example.by", "/password-reset?token=");
        withCsrf().post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "newPassword", "moderator password 1")).exchange().expectStatus().is2xxSuccessful();
        WebTestClient created = loggedIn("new.moderator@example.by", "moderator password 1");
        created.get().uri("/api/v1/moderation/organization-requests").exchange().expectStatus().isOk();

        // An existing citizen's account: only an offer, until its owner accepts it.
        String citizenEmail = "citizen" + System.nanoTime() + "@example.by";
        accounts.create(citizenEmail, "citizen password 1", "Пётр Сидоров", true, Role.CITIZEN, null).block(Duration.ofSeconds(30));
        admin.post().uri("/api/v1/admin/moderators").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", citizenEmail, "displayName", "Пётр Сидоров")).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("INVITED");
        assertThat(moderators()).isEqualTo(1);
        WebTestClient citizen = loggedIn(citizenEmail, "citizen password 1");
        citizen.get().uri("/api/v1/moderation/organization-requests").exchange().expectStatus().isForbidden();
        admin.get().uri("/api/v1/admin/moderators").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.moderators.length()").isEqualTo(1)
                .jsonPath("$.pending[0].email").isEqualTo(citizenEmail);
        long offer = ((Number) citizen.get().uri("/api/v1/me/invitations").exchange().expectStatus().isOk()
                .expectBody(java.util.List.class).returnResult().getResponseBody().stream()
                .map(i -> ((Map<?, ?>) i).get("id")).findFirst().orElseThrow()).longValue();
        citizen.post().uri("/api/v1/me/invitations/" + offer + "/accept").exchange().expectStatus().isOk();
        citizen.get().uri("/api/v1/moderation/organization-requests").exchange().expectStatus().isOk();
        assertThat(moderators()).isEqualTo(2);

        // Only the admin keeps the list: a moderator may not.
        created.get().uri("/api/v1/admin/moderators").exchange().expectStatus().isForbidden();
        long createdId = db.sql("SELECT id FROM app_user WHERE email = 'new.moderator@example.by'")
                .map(r -> r.get("id", Long.class)).one().block();
        admin.post().uri("/api/v1/admin/moderators/" + createdId + "/revoke").exchange().expectStatus().isNoContent();
        created.get().uri("/api/v1/moderation/organization-requests").exchange().expectStatus().isUnauthorized();
        admin.post().uri("/api/v1/admin/moderators/" + createdId + "/revoke").exchange().expectStatus().isNotFound();
        assertThat(moderators()).isEqualTo(1);
    }

    @Test
    void onThePageTheAdminMakesAModeratorAfterAnErrorAndWithdrawsAnOffer() {
        String existing = "someone" + System.nanoTime() + "@example.by";
        accounts.create(existing, "someone password 1", "Анна Ковалёва", true, Role.CITIZEN, null).block(Duration.ofSeconds(30));
        PageSession admin = pageAs(Role.ADMIN, null);
        assertThat(admin.get("/admin/accounts").body()).contains("href=\"/admin/moderators\"");
        assertThat(admin.get("/admin/moderators").body()).contains("Модераторов пока нет.");

        PageSession.Page wrong = admin.post("/admin/moderators", Map.of("email", "anna", "displayName", "Анна Ковалёва"));
        assertThat(wrong.status().value()).isEqualTo(400);
        assertThat(wrong.body()).contains("введите адрес электронной почты").contains("value=\"Анна Ковалёва\"");
        PageSession.Page offered = admin.post("/admin/moderators", Map.of("email", existing, "displayName", "Анна Ковалёва"));
        assertThat(offered.status().value()).isEqualTo(303);
        PageSession.Page listed = admin.get(offered.location());
        assertThat(listed.body()).contains("владельцу отправлено приглашение").contains(existing);
        long offer = db.sql("SELECT id FROM staff_invitation WHERE role = 'MODERATOR'").map(r -> r.get("id", Long.class)).one().block();
        PageSession.Page withdrawn = admin.post("/admin/moderators/invitations/" + offer + "/withdraw", Map.of());
        assertThat(admin.get(withdrawn.location()).body()).contains("Приглашение отозвано.").doesNotContain(existing);
        loggedIn(existing, "someone password 1").get().uri("/api/v1/me/invitations").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(0);

        // Nobody but the admin: a moderator gets 403, a visitor the login page.
        assertThat(pageAs(Role.MODERATOR, null).get("/admin/moderators").status().value()).isEqualTo(403);
        assertThat(new PageSession(web).get("/admin/moderators").location()).isEqualTo("/login?next=/admin/moderators");
    }

    private long moderators() {
        return db.sql("SELECT count(*) AS n FROM user_role WHERE role = 'MODERATOR'").map(r -> r.get("n", Long.class)).one().block();
    }
}

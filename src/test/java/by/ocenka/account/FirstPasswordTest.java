package by.ocenka.account;

import java.util.Map;

import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A citizen who signed in with a mailed code has no password: the account page offers to set one (not to type a
 * current one they never had), and then the password signs them in; an account with a password cannot skip it.
 */
class FirstPasswordTest extends IntegrationTest {

    @Test
    void aCitizenSignedInByCodeSetsAFirstPasswordAndSignsInWithIt() {
        PageSession phone = new PageSession(web);
        phone.get("/login/code");
        assertThat(phone.post("/login/code/send", Map.of("email", "by.code@example.by")).status().value()).isEqualTo(303);
        String code = tokenFromMail("by.code@example.by", "Ocenka: ");
        assertThat(phone.post("/login/code", Map.of("email", "by.code@example.by", "code", code)).status().value())
                .isEqualTo(303);

        PageSession.Page account = phone.get("/account");
        assertThat(account.body()).contains("action=\"/account/password/set\"").contains("Задать пароль")
                .doesNotContain("name=\"currentPassword\"");
        PageSession.Page weak = phone.post("/account/password/set", Map.of("newPassword", "123"));
        assertThat(weak.status().value()).isEqualTo(400);
        assertThat(weak.body()).contains("id=\"err-newPassword\"");
        PageSession.Page set = phone.post("/account/password/set", Map.of("newPassword", "Mir-castle-1520-towers"));
        assertThat(set.status().value()).isEqualTo(303);
        assertThat(phone.get(set.location()).body()).contains("name=\"currentPassword\"");

        loggedIn("by.code@example.by", "Mir-castle-1520-towers").get().uri("/api/v1/me").exchange().expectStatus().isOk();
        // With a password, the current one is asked: setting another without it is refused.
        PageSession.Page again = phone.post("/account/password/set", Map.of("newPassword", "Another-castle-1583"));
        assertThat(again.status().value()).isEqualTo(409);
        assertThat(again.body()).contains("смените его, указав текущий");
    }

    @Test
    void throughTheApiAnAccountWithoutAPasswordSetsItsFirstWithoutACurrentOne() {
        WebTestClient client = withCsrf();
        client.post().uri("/api/v1/auth/email-code").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "api.code@example.by")).exchange().expectStatus().is2xxSuccessful();
        String code = tokenFromMail("api.code@example.by", "Ocenka: ");
        String session = client.post().uri("/api/v1/auth/email-code/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "api.code@example.by", "code", code)).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("SESSION").getValue();
        WebTestClient signedIn = client.mutate().defaultCookie("SESSION", session).build();
        signedIn.post().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("newPassword", "Nesvizh-castle-1583")).exchange().expectStatus().isNoContent();
        loggedIn("api.code@example.by", "Nesvizh-castle-1583").get().uri("/api/v1/me").exchange().expectStatus().isOk();
        // Now it has one: another change asks for it.
        loggedIn("api.code@example.by", "Nesvizh-castle-1583").post().uri("/api/v1/me/password")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("newPassword", "Mir-castle-1520-towers"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("currentPassword");
    }
}

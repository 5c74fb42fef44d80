package by.ocenka.account;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration, login, the session in Redis, CSRF and the problem answers of the auth endpoints. */
class AuthApiTest extends IntegrationTest {

    @Test
    void registerThenLoginThenMe() {
        WebTestClient client = withCsrf();
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "Olga.K@example.by", "password", "Rassvet-nad-Minskom", "displayName", "Ольга"))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().isEmpty();
        String hash = db.sql("SELECT password_hash FROM app_user WHERE email = 'Olga.K@example.by'")
                .map(row -> row.get("password_hash", String.class)).one().block();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("Rassvet");

        var login = client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "olga.k@EXAMPLE.by", "password", "Rassvet-nad-Minskom"))
                .exchange().expectStatus().isOk().expectBody().returnResult();
        ResponseCookie session = login.getResponseCookies().getFirst("SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");

        web.get().uri("/api/v1/me").cookie("SESSION", session.getValue()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.displayName").isEqualTo("Ольга")
                .jsonPath("$.email").isEqualTo("Olga.K@example.by")
                .jsonPath("$.roles[0]").isEqualTo("CITIZEN")
                .jsonPath("$.emailConfirmed").isEqualTo(false)
                .jsonPath("$.password").doesNotExist();
        // The session lives in Redis, not in this instance's memory.
        Long keys = redis.getReactiveConnection().keyCommands().keys(ByteBuffer.wrap("ocenka:session:*".getBytes()))
                .map(List::size).map(Long::valueOf).block();
        assertThat(keys).isPositive();
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        accounts.register("ivan@example.by", "Nesvizh-castle-1583", "Иван", Locale.ROOT).block();
        WebTestClient client = withCsrf();
        String wrongPassword = client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "ivan@example.by", "password", "not-the-password"))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        String unknownEmail = client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "nobody@example.by", "password", "not-the-password"))
                .exchange().expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(wrongPassword).contains("bad-credentials");
        assertThat(unknownEmail.replace("nobody", "ivan")).isEqualTo(wrongPassword);
    }

    @Test
    void weakPasswordsAndTakenAddressesAreRefused() {
        WebTestClient client = withCsrf();
        register(client, "a@example.by", "short").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        // Eleven characters: one short of the rule.
        register(client, "a@example.by", "Minsk-2026!").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        // Twelve characters, but on the breached list.
        register(client, "a@example.by", "qwerty123456").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        register(client, "not-an-email", "Long-enough-password").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("email");
        register(client, "a@example.by", "Long-enough-password").expectStatus().isAccepted();
        // A known address: the same answer, nothing created, and its owner is told.
        register(client, "A@Example.by", "Another-long-password").expectStatus().isAccepted().expectBody().isEmpty();
        assertThat(db.sql("SELECT count(*) AS n FROM app_user").map(r -> r.get("n", Long.class)).one().block()).isEqualTo(1);
        assertThat(db.sql("SELECT subject FROM mail_outbox WHERE recipient = 'A@Example.by'").map(r -> r.get(0, String.class))
                .all().collectList().block()).containsExactly("Попытка регистрации на портале Ocenka");
    }

    @Test
    void aPassphraseLongerThanBcryptReadsCountsWhole() {
        // 60 Cyrillic letters: 120 bytes, past BCrypt's 72; the end of it must matter.
        String passphrase = "Ж".repeat(59) + "А";
        register(withCsrf(), "long@example.by", passphrase).expectStatus().isAccepted();
        loggedIn("long@example.by", passphrase);
        withCsrf().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "long@example.by", "password", "Ж".repeat(59) + "Б"))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void pagesCarryTheCsrfTokenMaskedAfreshOnEveryAnswer() {
        String cookie = web.get().uri("/api/v1/auth/csrf").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        Pattern hidden = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String page = web.get().uri("/login").cookie("XSRF-TOKEN", cookie).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            Matcher m = hidden.matcher(page);
            assertThat(m.find()).isTrue();
            shown.add(m.group(1));
        }
        assertThat(shown.get(0)).isNotEqualTo(shown.get(1)).isNotEqualTo(cookie);
        assertThat(shown.get(1)).isNotEqualTo(cookie);
        // Either masked copy is accepted with the form, as is the cookie's own token in the header (API clients).
        web.post().uri("/login").cookie("XSRF-TOKEN", cookie).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("_csrf=" + URLEncoder.encode(shown.get(0), StandardCharsets.UTF_8)
                        + "&email=nobody%40example.by&password=Wrong-password-123")
                .exchange().expectStatus().isUnauthorized();
        web.post().uri("/api/v1/auth/logout").cookie("XSRF-TOKEN", cookie).header("X-XSRF-TOKEN", cookie)
                .exchange().expectStatus().isNoContent();
        web.post().uri("/api/v1/auth/logout").cookie("XSRF-TOKEN", cookie).header("X-XSRF-TOKEN", "forged")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void aLoginFormsNextWithOddCharactersGoesHomeInsteadOfFailing() {
        accounts.create("next@example.by", "Grodno-castle-2026", "Некст", true, Role.CITIZEN, null).block();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/o/1/rate", "/o/1/rate");
        expected.put("/%zz", "/");
        expected.put("/a b", "/");
        expected.put("/ж", "/");
        expected.put("/a\"><script>", "/");
        expected.put("//evil.example", "/");
        expected.put("/\\evil.example", "/");
        expected.put("https://evil.example/", "/");
        expected.forEach((next, location) -> {
            WebTestClient client = withCsrf();
            var form = new LinkedMultiValueMap<String, String>();
            form.add("email", "next@example.by");
            form.add("password", "Grodno-castle-2026");
            form.add("next", next);
            client.post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData(form))
                    .exchange().expectStatus().isSeeOther().expectHeader().location(location);
            web.get().uri(b -> b.path("/login").queryParam("next", "{n}").build(next)).exchange().expectStatus().isOk();
        });
    }

    @Test
    void stateChangingRequestsNeedTheCsrfToken() {
        web.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "b@example.by", "password", "Long-enough-password", "displayName", "B"))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/csrf");
        assertThat(db.sql("SELECT count(*) AS n FROM app_user").map(r -> r.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void meNeedsASessionAndLogoutEndsIt() {
        web.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/unauthorized");
        WebTestClient citizen = citizen();
        citizen.get().uri("/api/v1/me").exchange().expectStatus().isOk();
        citizen.post().uri("/api/v1/auth/logout").exchange().expectStatus().isNoContent();
        citizen.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void pagesCarrySecurityHeaders() {
        web.get().uri("/api/v1/spheres").exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("Content-Security-Policy", ".*frame-ancestors 'none'.*")
                .expectHeader().valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }

    /** The client that registered keeps its registration cookie and confirms with the mailed token alone. */
    @Test
    void registerConfirmThroughTheCapturedMailThenLoginAndMe() {
        WebTestClient client = withCsrf();
        String mark = register(client, "petr@example.by", "Braslav-lakes-2026").expectStatus().isAccepted()
                .expectBody().returnResult().getResponseCookies().getFirst("OCENKA_REGISTRATION").getValue();
        String token = tokenFromMail("petr@example.by", "/confirm?token=");
        client = client.mutate().defaultCookie("OCENKA_REGISTRATION", mark).build();
        client.post().uri("/api/v1/auth/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token)).exchange().expectStatus().isNoContent();
        // Single use.
        client.post().uri("/api/v1/auth/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token)).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("token");
        loggedIn("petr@example.by", "Braslav-lakes-2026").get().uri("/api/v1/me").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.emailConfirmed").isEqualTo(true);
    }

    /**
     * Another client confirms with the password chosen at registration (a wrong one changes nothing), or without it:
     * then the password no longer works (whoever registered may not own the address).
     */
    @Test
    void anotherClientConfirmsWithThePasswordOrClearsIt() {
        register(withCsrf(), "kastus@example.by", "Krevo-castle-1385").expectStatus().isAccepted();
        String token = tokenFromMail("kastus@example.by", "/confirm?token=");
        WebTestClient other = withCsrf();
        other.post().uri("/api/v1/auth/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "password", "Not-the-password-1")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        other.post().uri("/api/v1/auth/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "password", "Krevo-castle-1385")).exchange().expectStatus().isNoContent();
        loggedIn("kastus@example.by", "Krevo-castle-1385").get().uri("/api/v1/me").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.emailConfirmed").isEqualTo(true);

        register(withCsrf(), "hanna@example.by", "Lida-castle-1323").expectStatus().isAccepted();
        other.post().uri("/api/v1/auth/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", tokenFromMail("hanna@example.by", "/confirm?token="))).exchange()
                .expectStatus().isNoContent();
        withCsrf().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "hanna@example.by", "password", "Lida-castle-1323")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void resetTokenWorksOnceAndExpires() {
        accounts.register("lena@example.by", "Mir-castle-old-pass", "Лена", Locale.ROOT).block();
        WebTestClient client = withCsrf();
        // 202 for an unknown address too, and no mail for it.
        client.post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "ghost@example.by")).exchange().expectStatus().isAccepted();
        client.post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "lena@example.by")).exchange().expectStatus().isAccepted();
        String token = tokenFromMail("lena@example.by", "/password-reset?token=");
        client.post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "newPassword", "Mir-castle-new-pass")).exchange().expectStatus().isNoContent();
        client.post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "newPassword", "Mir-castle-third-pass")).exchange().expectStatus().isBadRequest();
        loggedIn("lena@example.by", "Mir-castle-new-pass");

        // A token an hour old no longer works.
        client.post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "lena@example.by")).exchange().expectStatus().isAccepted();
        String late = tokenFromMail("lena@example.by", "/password-reset?token=");
        db.sql("UPDATE account_token SET expires_at = now() - interval '1 second' WHERE used_at IS NULL").then().block();
        client.post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", late, "newPassword", "Mir-castle-late-pass")).exchange().expectStatus().isBadRequest();
        loggedIn("lena@example.by", "Mir-castle-new-pass");
    }

    @Test
    void theSixthFailedLoginIsThrottled() {
        accounts.register("oleg@example.by", "Polotsk-sophia-1044", "Олег", Locale.ROOT).block();
        WebTestClient client = withCsrf();
        for (int i = 0; i < 5; i++) {
            login(client, "oleg@example.by", "wrong-" + i).expectStatus().isUnauthorized();
        }
        login(client, "oleg@example.by", "wrong-6").expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/login-throttled");
        // Even the right password waits: else the throttle would tell a guesser when it guessed right.
        login(client, "oleg@example.by", "Polotsk-sophia-1044").expectStatus().isEqualTo(429);
    }

    private WebTestClient.ResponseSpec login(WebTestClient client, String email, String password) {
        return client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password)).exchange();
    }

    @SuppressWarnings("unchecked")
    private WebTestClient.ResponseSpec register(WebTestClient client, String email, String password) {
        return client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password, "displayName", "Тест"))
                .exchange();
    }
}

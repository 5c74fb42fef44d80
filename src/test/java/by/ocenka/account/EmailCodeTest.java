package by.ocenka.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Signing in by a code mailed to the address ({@code /api/v1/auth/email-code}): a new address becomes a confirmed
 * citizen at once, a code works once and for five tries, an unconfirmed squatter's password is dropped, staff
 * accounts never get a code, and a second request moments later sends nothing.
 */
class EmailCodeTest extends IntegrationTest {

    private void ask(WebTestClient client, String email) {
        client.post().uri("/api/v1/auth/email-code").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email)).exchange().expectStatus().isAccepted();
    }

    private WebTestClient.ResponseSpec verify(WebTestClient client, String email, String code) {
        return client.post().uri("/api/v1/auth/email-code/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "code", code)).exchange();
    }

    private String code(String email) {
        return tokenFromMail(email, "Ocenka: ");
    }

    private long mailsTo(String email) {
        return db.sql("SELECT count(*) AS n FROM mail_outbox WHERE recipient = :to").bind("to", email)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    @Test
    void aNewAddressBecomesAConfirmedCitizenWithOneCode() {
        WebTestClient client = withCsrf();
        ask(client, "Olga.New@Example.BY");
        String code = code("olga.new@example.by");
        assertThat(code).matches("\\d{6}");
        assertThat(db.sql("SELECT count(*) AS n FROM app_user").map(r -> r.get("n", Long.class)).one().block()).isZero();

        verify(client, "olga.new@example.by", wrong(code)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("code");
        var signedIn = verify(client, "olga.new@example.by", " " + code + " ").expectStatus().isOk()
                .expectBody().jsonPath("$.email").isEqualTo("olga.new@example.by")
                .jsonPath("$.emailConfirmed").isEqualTo(true)
                .jsonPath("$.roles[0]").isEqualTo("CITIZEN")
                .returnResult();
        String session = signedIn.getResponseCookies().getFirst("SESSION").getValue();
        client.get().uri("/api/v1/me").cookie("SESSION", session).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.anonymousReviews").isEqualTo(true);
        // The citizen can rate at once (a confirmed address), and the code does not work twice.
        assertThat(db.sql("SELECT email_confirmed_at IS NOT NULL AS c FROM app_user WHERE email = 'olga.new@example.by'")
                .map(r -> r.get("c", Boolean.class)).one().block()).isTrue();
        verify(withCsrf(), "olga.new@example.by", code).expectStatus().isBadRequest();
        assertThat(db.sql("SELECT count(*) AS n FROM email_code").map(r -> r.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void fiveWrongCodesSpendTheCodeEvenForTheRightOne() {
        WebTestClient client = withCsrf();
        ask(client, "guess@example.by");
        String code = code("guess@example.by");
        for (int i = 0; i < 5; i++) {
            verify(client, "guess@example.by", wrong(code)).expectStatus().isBadRequest();
        }
        verify(client, "guess@example.by", code).expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/email-code-tries");
        assertThat(db.sql("SELECT count(*) AS n FROM app_user").map(r -> r.get("n", Long.class)).one().block()).isZero();
        // Malformed input changes nothing.
        verify(client, "guess@example.by", "12ab").expectStatus().isBadRequest();
        client.post().uri("/api/v1/auth/email-code").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "not-an-address")).exchange().expectStatus().isBadRequest();
    }

    @Test
    void anUnconfirmedSquatterLosesThePasswordAndStaffGetNoCode() {
        // Someone registered the address without owning it; its owner signs in by code and takes it over.
        accounts.create("anna@example.by", "Squatter-password-1", "Чужой", false, Role.CITIZEN, null).block();
        WebTestClient client = withCsrf();
        ask(client, "anna@example.by");
        verify(client, "anna@example.by", code("anna@example.by")).expectStatus().isOk()
                .expectBody().jsonPath("$.emailConfirmed").isEqualTo(true);
        withCsrf().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "anna@example.by", "password", "Squatter-password-1"))
                .exchange().expectStatus().isUnauthorized();

        // A moderator's address gets a mail saying how staff sign in, and no code (within the same limits: asking again
        // at once sends nothing).
        accounts.create("mod@example.by", "Moderator-password-1", "Модератор", true, Role.MODERATOR, null).block();
        ask(client, "mod@example.by");
        ask(client, "mod@example.by");
        assertThat(mailsTo("mod@example.by")).isEqualTo(1);
        assertThat(db.sql("SELECT body FROM mail_outbox WHERE recipient = 'mod@example.by'").map(r -> r.get(0, String.class))
                .one().block()).doesNotContainPattern("\\d{6}");
        verify(client, "mod@example.by", "123456").expectStatus().isBadRequest();
    }

    @Test
    void theFormsOfAnAddressShareOneCodeAndItsTries() {
        accounts.create("victim@example.by", "Victim-password-2026", "Жертва", true, Role.CITIZEN, null).block();
        WebTestClient attacker = withCsrf();
        // Another form of the address: the code goes to the account's own address, and it is the same code.
        ask(attacker, "victim+1@example.by");
        assertThat(mailsTo("victim+1@example.by")).isZero();
        String code = code("victim@example.by");
        // Guesses through several forms spend one set of five tries.
        for (int i = 0; i < 5; i++) {
            verify(attacker, "victim+" + i + "@example.by", wrong(code)).expectStatus().isBadRequest();
        }
        verify(attacker, "victim+9@example.by", code).expectStatus().isEqualTo(429);
        verify(attacker, "victim@example.by", code).expectStatus().isEqualTo(429);
    }

    @Test
    void aSecondRequestMomentsLaterSendsNothing() {
        WebTestClient client = withCsrf();
        ask(client, "twice@example.by");
        ask(client, "twice@example.by");
        assertThat(mailsTo("twice@example.by")).isEqualTo(1);
        // The first code still works.
        verify(client, "twice@example.by", code("twice@example.by")).expectStatus().isOk();
        List<String> subjects = db.sql("SELECT subject FROM mail_outbox WHERE recipient = 'twice@example.by'")
                .map(r -> r.get("subject", String.class)).all().collectList().block();
        assertThat(subjects).hasSize(1);
    }
}

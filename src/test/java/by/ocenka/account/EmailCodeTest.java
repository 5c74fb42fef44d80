package by.ocenka.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Signing in by a code mailed to the address ({@code /api/v1/auth/email-code}): a new address becomes a confirmed
 * citizen at once, a code works once, wrong codes are counted per client, per address and in total while the mailed
 * link always works, an unconfirmed squatter's password and sessions are dropped, staff accounts never get a code, and
 * a second request moments later sends nothing.
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
        return code.equals("00000000") ? "00000001" : "00000000";
    }

    /** The token of the mailed link. */
    private String linkToken(String email) {
        String text = tokenFromMail(email, "token=");
        return text.substring(0, 43);
    }

    private WebTestClient.ResponseSpec verifyLink(WebTestClient client, String email, String token) {
        return client.post().uri("/api/v1/auth/email-code/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "token", token)).exchange();
    }

    /** A client at another address, as the trusted proxy (the tests' loopback) forwards it. */
    private WebTestClient from(String address) {
        return withCsrf().mutate().defaultHeader("X-Forwarded-For", address).build();
    }

    @Test
    void aNewAddressBecomesAConfirmedCitizenWithOneCode() {
        WebTestClient client = withCsrf();
        ask(client, "Olga.New@Example.BY");
        String code = code("olga.new@example.by");
        assertThat(code).matches("\\d{8}");
        // The code is in the body only: mail subjects are kept where bodies are cleared.
        assertThat(db.sql("SELECT subject FROM mail_outbox WHERE recipient = 'olga.new@example.by'")
                .map(r -> r.get(0, String.class)).one().block()).doesNotContain(code).doesNotContainPattern("\\d{4}");
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

    /** Wrong typed codes are counted per client and per address; the mailed link lets the owner in all the same. */
    @Test
    void wrongCodesAreCountedPerClientAndPerAddressButTheMailedLinkAlwaysWorks() {
        ask(withCsrf(), "guess@example.by");
        String code = code("guess@example.by");
        WebTestClient guesser = from("203.0.113.7");
        for (int i = 0; i < 10; i++) {
            verify(guesser, "guess@example.by", wrong(code)).expectStatus().isBadRequest();
        }
        // This client has had its share: even the right code is refused to it.
        verify(guesser, "guess@example.by", code).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/email-code-tries");
        // Another address of the same IPv6 /64 is the same client.
        WebTestClient six = from("2001:db8:1:2::a");
        for (int i = 0; i < 10; i++) {
            verify(six, "guess@example.by", wrong(code)).expectStatus().isBadRequest();
        }
        verify(from("2001:db8:1:2:ffff::b"), "guess@example.by", wrong(code)).expectStatus().isEqualTo(429);
        // The address has had twenty wrong codes today, from any number of clients: typed codes are refused for it.
        verify(from("198.51.100.9"), "guess@example.by", code).expectStatus().isEqualTo(429);
        assertThat(db.sql("SELECT count(*) AS n FROM app_user").map(r -> r.get("n", Long.class)).one().block()).isZero();
        // The owner opens the mailed link: in.
        verifyLink(withCsrf(), "guess@example.by", linkToken("guess@example.by")).expectStatus().isOk()
                .expectBody().jsonPath("$.email").isEqualTo("guess@example.by");
        // Malformed input changes nothing.
        verify(withCsrf(), "guess@example.by", "12ab").expectStatus().isBadRequest();
        withCsrf().post().uri("/api/v1/auth/email-code").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "not-an-address")).exchange().expectStatus().isBadRequest();
    }

    /** One client trying one code on many addresses (a spray) is stopped by its own count. */
    @Test
    void codesSprayedOverManyAddressesStopAtTheClientsShare() {
        WebTestClient sprayer = from("203.0.113.99");
        for (int i = 0; i < 10; i++) {
            ask(withCsrf(), "target" + i + "@example.by");
            verify(sprayer, "target" + i + "@example.by", "12345678").expectStatus().isBadRequest();
        }
        ask(withCsrf(), "target10@example.by");
        verify(sprayer, "target10@example.by", code("target10@example.by")).expectStatus().isEqualTo(429);
        // Anyone else gets on with their own code.
        verify(from("198.51.100.10"), "target10@example.by", code("target10@example.by")).expectStatus().isOk();
    }

    @Test
    void anUnconfirmedSquatterLosesThePasswordAndStaffGetNoCode() {
        // Someone registered the address without owning it; its owner signs in by code and takes it over.
        accounts.create("anna@example.by", "Squatter-password-1", "Чужой", false, Role.CITIZEN, null).block();
        WebTestClient squatter = loggedIn("anna@example.by", "Squatter-password-1");
        squatter.get().uri("/api/v1/me").exchange().expectStatus().isOk();
        WebTestClient client = withCsrf();
        ask(client, "anna@example.by");
        verify(client, "anna@example.by", code("anna@example.by")).expectStatus().isOk()
                .expectBody().jsonPath("$.emailConfirmed").isEqualTo(true);
        // The squatter's session ended with the takeover.
        squatter.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
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
                .one().block()).doesNotContainPattern("\\d{8}");
        verify(client, "mod@example.by", "12345678").expectStatus().isBadRequest();
    }

    @Test
    void theFormsOfAnAddressShareItsCodesAndItsCount() {
        accounts.create("victim@example.by", "Victim-password-2026", "Жертва", true, Role.CITIZEN, null).block();
        // Another form of the address: the code goes to the account's own address.
        ask(withCsrf(), "victim+1@example.by");
        assertThat(mailsTo("victim+1@example.by")).isZero();
        String code = code("victim@example.by");
        // Guesses through several forms and clients count for the one address.
        for (int i = 0; i < 20; i++) {
            verify(from("203.0.113." + (i / 5 + 1)), "victim+" + i + "@example.by", wrong(code)).expectStatus().isBadRequest();
        }
        verify(from("198.51.100.1"), "victim+99@example.by", code).expectStatus().isEqualTo(429);
        verify(from("198.51.100.2"), "victim@example.by", code).expectStatus().isEqualTo(429);
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

    /** Asked for at the same moment from many clients, an address still gets one code: the requests take turns. */
    @Test
    void requestsAtTheSameMomentSendOneCode() {
        String email = "rush" + System.nanoTime() + "@example.by";
        Flux.range(1, 12)
                .flatMap(i -> Mono.fromRunnable(() -> ask(from("198.51.100." + (60 + i)), email))
                        .subscribeOn(Schedulers.boundedElastic()))
                .blockLast(Duration.ofSeconds(60));
        assertThat(mailsTo(email)).isEqualTo(1);
    }
}

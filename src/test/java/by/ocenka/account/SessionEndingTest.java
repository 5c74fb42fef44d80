package by.ocenka.account;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.SecondInstance;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's other sessions end when what they were opened with no longer holds: a password change (but the session
 * that changed it), a reset, a role taken away or given, the account deleted; and any session after the absolute
 * timeout, however busy.
 */
class SessionEndingTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;
    @Autowired
    Environment environment;

    private static final String PASSWORD = "Nesvizh-castle-2026";

    private String citizenWithPassword() {
        String email = "anna" + System.nanoTime() + "@example.by";
        accounts.create(email, PASSWORD, "Анна", true, Role.CITIZEN, null).block(Duration.ofSeconds(10));
        return email;
    }

    private static void in(WebTestClient session) {
        session.get().uri("/api/v1/me").exchange().expectStatus().isOk();
    }

    private static void out(WebTestClient session) {
        session.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsButNotItsOwn() {
        String email = citizenWithPassword();
        WebTestClient phone = loggedIn(email, PASSWORD);
        WebTestClient laptop = loggedIn(email, PASSWORD);
        laptop.post().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", PASSWORD, "newPassword", "Mir-castle-2026-new"))
                .exchange().expectStatus().isNoContent();
        out(phone);
        in(laptop);
    }

    @Test
    void aResetEndsEverySession() {
        String email = citizenWithPassword();
        WebTestClient session = loggedIn(email, PASSWORD);
        accounts.requestPasswordReset(email, Locale.ROOT).block(Duration.ofSeconds(10));
        withCsrf().post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", tokenFromMail(email, "/password-reset?token="), "newPassword", "Mir-castle-2026-reset"))
                .exchange().expectStatus().isNoContent();
        out(session);
    }

    @Test
    void aDeletedAccountsOtherSessionsEnd() {
        String email = citizenWithPassword();
        WebTestClient other = loggedIn(email, PASSWORD);
        loggedIn(email, PASSWORD).delete().uri("/api/v1/me").exchange().expectStatus().isNoContent();
        out(other);
    }

    @Test
    void aColleagueWhoseRoleIsTakenAwayIsOutAtOnce() {
        Subtrees tree = Subtrees.load(demo, db);
        WebTestClient admin = loggedInAs(Role.ORG_ADMIN, tree.body());
        String email = "colleague" + System.nanoTime() + "@example.by";
        long id = accounts.create(email, PASSWORD, "Коллега", true, Role.ORG_ADMIN, tree.unit()).block().id();
        WebTestClient colleague = loggedIn(email, PASSWORD);
        colleague.get().uri("/api/v1/cabinet/organizations/{id}/questionnaires", tree.unit()).exchange().expectStatus().isOk();

        admin.delete().uri("/api/v1/cabinet/organizations/{id}/staff/{user}?role=ORG_ADMIN", tree.unit(), id)
                .exchange().expectStatus().isNoContent();
        colleague.get().uri("/api/v1/cabinet/organizations/{id}/questionnaires", tree.unit()).exchange()
                .expectStatus().isUnauthorized();
        // Logging in again gives the account as it is now: no cabinet.
        loggedIn(email, PASSWORD).get().uri("/api/v1/cabinet/organizations/{id}/questionnaires", tree.unit())
                .exchange().expectStatus().isForbidden();
        in(admin);
    }

    @Test
    void aSessionEndsAfterTheAbsoluteTimeoutHoweverBusy() throws InterruptedException {
        String email = citizenWithPassword();
        try (SecondInstance instance = new SecondInstance(environment, "http",
                "--ocenka.security.session.absolute-timeout=3s")) {
            String token = instance.web.get().uri("/api/v1/auth/csrf").exchange().expectStatus().isOk()
                    .expectBody().returnResult().getResponseCookies().getFirst("XSRF-TOKEN").getValue();
            WebTestClient csrf = instance.web.mutate().defaultCookie("XSRF-TOKEN", token).defaultHeader("X-XSRF-TOKEN", token).build();
            String session = csrf.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", email, "password", PASSWORD)).exchange().expectStatus().isOk()
                    .expectBody().returnResult().getResponseCookies().getFirst("SESSION").getValue();
            WebTestClient user = csrf.mutate().defaultCookie("SESSION", session).build();
            long start = System.nanoTime();
            // Busy all along (never idle), yet out once the absolute timeout has passed.
            while (System.nanoTime() - start < Duration.ofMillis(2500).toNanos()) {
                in(user);
                Thread.sleep(250);
            }
            Thread.sleep(1000);
            out(user);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(3));
        }
    }
}

package by.ocenka.account;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login throttle counts atomically (parallel guesses get no more tries than sequential ones) and per account and
 * client address, so that a stranger cannot lock the owner out. Clients are told apart by the address a trusted
 * proxy forwards (the tests' loopback client is one).
 */
class LoginThrottleTest extends IntegrationTest {

    private static final String PASSWORD = "Mstislavl-walls-2026";

    private WebTestClient.ResponseSpec login(WebTestClient client, String from, String email, String password) {
        return client.post().uri("/api/v1/auth/login").header("X-Forwarded-For", from)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", email, "password", password)).exchange();
    }

    private String account() {
        String email = "owner" + System.nanoTime() + "@example.by";
        accounts.create(email, PASSWORD, "Владелец", true, Role.ADMIN, null).block(Duration.ofSeconds(10));
        return email;
    }

    @Test
    void parallelGuessesGetNoMoreTriesThanTheLimit() {
        String email = account();
        WebTestClient client = withCsrf();
        // Twenty at once, from threads of the test's own (the server hashes on its bounded-elastic pool).
        ExecutorService threads = Executors.newFixedThreadPool(20);
        List<Integer> statuses;
        try {
            statuses = threads.invokeAll(IntStream.range(0, 20).<Callable<Integer>>mapToObj(
                            i -> () -> login(client, "203.0.113.7", email, "Wrong-guess-" + i).expectBody().returnResult()
                                    .getStatus().value()).toList())
                    .stream().map(f -> {
                        try {
                            return f.get(60, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(15);
    }

    @Test
    void aStrangerFailingOnPurposeDoesNotLockTheOwnerOut() {
        String email = account();
        WebTestClient client = withCsrf();
        for (int i = 0; i < 5; i++) {
            login(client, "203.0.113.66", email, "Wrong-guess-" + i).expectStatus().isUnauthorized();
        }
        login(client, "203.0.113.66", email, PASSWORD).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
        login(client, "198.51.100.4", email, PASSWORD).expectStatus().isOk();
    }

    @Test
    void oneAddressFailingAcrossManyAccountsIsStopped() {
        WebTestClient client = withCsrf();
        for (int i = 0; i < 20; i++) {
            login(client, "203.0.113.99", "nobody" + i + "@example.by", "Wrong-guess-" + i).expectStatus().isUnauthorized();
        }
        String email = account();
        login(client, "203.0.113.99", email, PASSWORD).expectStatus().isEqualTo(429);
        login(client, "198.51.100.5", email, PASSWORD).expectStatus().isOk();
    }

    /**
     * A stranger failing from many addresses spends the account's own limit. The owner is not kept out: a browser they
     * signed in from before is not held to it, and from any browser a password reset (a mailed link) signs them in.
     */
    @Test
    void strangersFailingFromManyAddressesNeverKeepTheOwnerOut() {
        String email = account();
        // The owner signed in once from this browser: it keeps the device cookie.
        var first = login(withCsrf(), "198.51.100.20", email, PASSWORD).expectStatus().isOk().expectBody().returnResult();
        String device = first.getResponseCookies().getFirst("OCENKA_DEVICE").getValue();
        WebTestClient stranger = withCsrf();
        for (int i = 0; i < 100; i++) {
            login(stranger, "203.0.113." + (i / 4 + 1), email, "Wrong-guess-" + i).expectStatus().isUnauthorized();
        }
        // The account's limit is spent: a new browser is refused, right password or not...
        login(withCsrf(), "198.51.100.21", email, PASSWORD).expectStatus().isEqualTo(429);
        // ...but not the owner's own browser,
        login(withCsrf().mutate().defaultCookie("OCENKA_DEVICE", device).build(), "198.51.100.22", email, PASSWORD)
                .expectStatus().isOk();
        // and from anywhere the mailed reset link signs the owner in.
        WebTestClient anywhere = withCsrf();
        anywhere.post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email)).exchange().expectStatus().isAccepted();
        String token = tokenFromMail(email, "/password-reset?token=");
        String session = anywhere.post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "newPassword", "Navahrudak-castle-2027")).exchange()
                .expectStatus().isNoContent().expectBody().returnResult().getResponseCookies().getFirst("SESSION").getValue();
        anywhere.get().uri("/api/v1/me").cookie("SESSION", session).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.email").isEqualTo(email);
    }

    /**
     * The limits count the address's canonical form: typed in capitals or with a "+tag", it is the same account's. A
     * device cookie the client brought is never adopted: the owner's sign-in sets a fresh one, and the brought value
     * does not spare anyone the account's limit.
     */
    @Test
    void anotherFormOfTheAddressSharesItsLimitsAndABroughtDeviceCookieIsNotAdopted() {
        String email = account();
        String[] forms = {email, email.toUpperCase(Locale.ROOT), email.replace("@", "+again@"),
                " " + email.replace("owner", "Owner") + " ", email.replace("@", "+x@")};
        for (String form : forms) {
            login(withCsrf(), "203.0.113.44", form, "Wrong-guess").expectStatus().isUnauthorized();
        }
        login(withCsrf(), "203.0.113.44", email.replace("@", "+other@"), PASSWORD).expectStatus().isEqualTo(429);

        String planted = "p".repeat(43);
        var signedIn = login(withCsrf().mutate().defaultCookie("OCENKA_DEVICE", planted).build(), "198.51.100.30", email,
                PASSWORD).expectStatus().isOk().expectBody().returnResult();
        assertThat(signedIn.getResponseCookies().getFirst("OCENKA_DEVICE").getValue()).hasSize(43).isNotEqualTo(planted);
        WebTestClient stranger = withCsrf();
        for (int i = 0; i < 100; i++) {
            // Refused (429) once the account's limit is spent.
            assertThat(login(stranger, "203.0.113." + (i / 4 + 100), email, "Wrong-guess-" + i).expectBody().returnResult()
                    .getStatus().value()).isIn(401, 429);
        }
        login(withCsrf().mutate().defaultCookie("OCENKA_DEVICE", planted).build(), "198.51.100.31", email, PASSWORD)
                .expectStatus().isEqualTo(429);
    }

    /**
     * A squatter registered the owner's address and signed in (its browser known to the account). The owner takes the
     * account over with a mailed code and sets a password: the squatter's browser is known no longer, so guessing the
     * owner's password from it counts against the account's limit like anyone's.
     */
    @Test
    void aSquattersBrowserIsForgottenWhenTheOwnerTakesTheAccountOver() {
        String email = "taken" + System.nanoTime() + "@example.by";
        withCsrf().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "Squatters-password-1", "displayName", "Чужой"))
                .exchange().expectStatus().isAccepted();
        String squatter = login(withCsrf(), "203.0.113.150", email, "Squatters-password-1").expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("OCENKA_DEVICE").getValue();

        WebTestClient owner = withCsrf();
        owner.post().uri("/api/v1/auth/email-code").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email)).exchange().expectStatus().isAccepted();
        owner.post().uri("/api/v1/auth/email-code/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "code", tokenFromMail(email, "Ocenka: "))).exchange().expectStatus().isOk();

        WebTestClient stranger = withCsrf();
        for (int i = 0; i < 100; i++) {
            assertThat(login(stranger, "203.0.113." + (i / 4 + 151), email, "Wrong-guess-" + i).expectBody().returnResult()
                    .getStatus().value()).isIn(401, 429);
        }
        login(withCsrf().mutate().defaultCookie("OCENKA_DEVICE", squatter).build(), "198.51.100.40", email, "Any-guess-1")
                .expectStatus().isEqualTo(429);
    }
}

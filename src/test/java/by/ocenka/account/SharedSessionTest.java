package by.ocenka.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import by.ocenka.support.IntegrationTest;
import by.ocenka.support.SecondInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A session created through one instance is accepted by another: sessions live in Redis, not in an instance. */
class SharedSessionTest extends IntegrationTest {

    @Autowired
    Environment environment;

    @Test
    void aSecondInstanceServesTheSameSession() {
        accounts.create("maria@example.by", "Grodno-old-town-1128", "Мария", true, Role.CITIZEN, null).block();
        WebTestClient first = withCsrf();
        String session = first.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "maria@example.by", "password", "Grodno-old-town-1128"))
                .exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("SESSION").getValue();

        try (SecondInstance second = new SecondInstance(environment)) {
            WebTestClient secondClient = second.web;
            secondClient.get().uri("/api/v1/me").cookie("SESSION", session).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.email").isEqualTo("maria@example.by");
            secondClient.get().uri("/api/v1/me").cookie("SESSION", "forged").exchange().expectStatus().isUnauthorized();
        }
    }

    /** Requests that change nothing do not write the session back (its access time goes at most once a minute). */
    @Test
    void anUnchangedSessionIsNotWrittenBackOnEveryRequest() throws InterruptedException {
        accounts.create("ales@example.by", "Brest-fortress-1065", "Алесь", true, Role.CITIZEN, null).block();
        WebTestClient csrf = withCsrf();
        String session = csrf.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "ales@example.by", "password", "Brest-fortress-1065"))
                .exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("SESSION").getValue();
        WebTestClient citizen = csrf.mutate().defaultCookie("SESSION", session).build();
        ByteBuffer key = ByteBuffer.wrap(("ocenka:session:json:sessions:" + session).getBytes(StandardCharsets.UTF_8));
        ByteBuffer field = ByteBuffer.wrap("lastAccessedTime".getBytes(StandardCharsets.UTF_8));
        var connection = redis.getReactiveConnection();
        ByteBuffer accessed = connection.hashCommands().hGet(key.duplicate(), field.duplicate()).block();
        long ttl = connection.keyCommands().pTtl(key.duplicate()).block();
        assertThat(accessed).isNotNull();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(30);
            citizen.get().uri("/api/v1/me").exchange().expectStatus().isOk();
        }
        assertThat(connection.hashCommands().hGet(key.duplicate(), field.duplicate()).block()).isEqualTo(accessed);
        assertThat(connection.keyCommands().pTtl(key.duplicate()).block()).isLessThan(ttl);

        // A change is written at once: logging out ends the session in Redis.
        citizen.post().uri("/api/v1/auth/logout").exchange().expectStatus().is2xxSuccessful();
        assertThat(connection.keyCommands().exists(key.duplicate()).block()).isFalse();
        connection.close();
    }
}

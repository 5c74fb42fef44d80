package by.ocenka.account;

import java.util.Map;

import by.ocenka.support.IntegrationTest;
import by.ocenka.support.SecondInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

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
                .returnResult(String.class).getResponseCookies().getFirst("SESSION").getValue();

        try (SecondInstance second = new SecondInstance(environment)) {
            WebTestClient secondClient = second.web;
            secondClient.get().uri("/api/v1/me").cookie("SESSION", session).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.email").isEqualTo("maria@example.by");
            secondClient.get().uri("/api/v1/me").cookie("SESSION", "forged").exchange().expectStatus().isUnauthorized();
        }
    }
}

package by.ocenka.account;

import java.time.Duration;
import java.util.Map;

import by.ocenka.OcenkaApplication;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
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

        try (ConfigurableApplicationContext second = new SpringApplication(OcenkaApplication.class).run(
                "--server.port=0", "--ocenka.embedded.enabled=false", "--ocenka.demo.load=never",
                "--spring.r2dbc.url=" + environment.getProperty("spring.r2dbc.url"),
                "--spring.r2dbc.username=" + environment.getProperty("spring.r2dbc.username"),
                "--spring.r2dbc.password=" + environment.getProperty("spring.r2dbc.password", ""),
                "--spring.flyway.url=" + environment.getProperty("spring.flyway.url"),
                "--spring.flyway.user=" + environment.getProperty("spring.flyway.user", environment.getProperty("spring.r2dbc.username")),
                "--spring.data.redis.host=" + environment.getProperty("spring.data.redis.host"),
                "--spring.data.redis.port=" + environment.getProperty("spring.data.redis.port"),
                "--spring.data.redis.database=" + environment.getProperty("spring.data.redis.database", "0"))) {
            int port = ((WebServerApplicationContext) second).getWebServer().getPort();
            WebTestClient secondClient = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                    .responseTimeout(Duration.ofSeconds(30)).build();
            secondClient.get().uri("/api/v1/me").cookie("SESSION", session).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.email").isEqualTo("maria@example.by");
            secondClient.get().uri("/api/v1/me").cookie("SESSION", "forged").exchange().expectStatus().isUnauthorized();
        }
    }
}

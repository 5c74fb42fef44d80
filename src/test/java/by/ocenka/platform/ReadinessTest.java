package by.ocenka.platform;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import by.ocenka.platform.embedded.EmbeddedServers;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows PostgreSQL and Redis: an outage of either turns it DOWN (so a load balancer stops sending
 * traffic) while liveness stays UP (so nobody restarts a healthy process), and it comes back UP on its own.
 * Needs the embedded servers, which the test can stop and start; the machine's servers are not ours to stop.
 */
class ReadinessTest extends IntegrationTest {

    private EmbeddedServers servers;

    @BeforeEach
    void embeddedServersOnly() {
        assumeThat(TestServers.EXTERNAL).as("stopping servers needs the embedded ones").isFalse();
        servers = EmbeddedServers.current();
    }

    @Test
    void redisOutageTurnsReadinessDownAndBackUp() {
        expectReady();
        servers.stopRedis();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> web.get().uri("/readyz")
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("DOWN")
                    .jsonPath("$.components.redis.status").isEqualTo("DOWN")
                    .jsonPath("$.components.r2dbc.status").isEqualTo("UP"));
            expectLive();
        } finally {
            servers.startRedis();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(this::expectReady);
    }

    @Test
    void postgresOutageTurnsReadinessDownAndBackUp() {
        expectReady();
        servers.stopPostgres();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> web.get().uri("/readyz")
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.components.r2dbc.status").isEqualTo("DOWN")
                    .jsonPath("$.components.redis.status").isEqualTo("UP"));
            expectLive();
        } finally {
            servers.startPostgres();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(this::expectReady);
    }

    private void expectReady() {
        web.get().uri("/readyz").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.redis.status").isEqualTo("UP");
    }

    private void expectLive() {
        web.get().uri("/livez").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}

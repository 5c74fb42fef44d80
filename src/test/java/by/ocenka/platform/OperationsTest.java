package by.ocenka.platform;

import by.ocenka.support.IntegrationTest;
import by.ocenka.support.ManagementPort;
import by.ocenka.support.TestClients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator and an API client rely on: health, metrics, the migrated schema and the OpenAPI document. */
class OperationsTest extends IntegrationTest {

    @Autowired
    ManagementPort managementPort;

    /** The actuator, on the management port. */
    private WebTestClient management() {
        // A scrape after the whole suite's routes is a few hundred kilobytes (eleven buckets per route and status).
        return TestClients.webTestClient("http://127.0.0.1:" + managementPort.port());
    }

    @Test
    void healthIsUpWithDatabaseAndRedis() {
        management().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.redis.status").isEqualTo("UP")
                .jsonPath("$.groups").value(groups -> assertThat(groups.toString()).contains("liveness", "readiness"));
    }

    @Test
    void prometheusExposesJvmHttpAndPoolMetrics() {
        // Requests on several routes first: every route's timer must be the same kind (a histogram) or the scrape fails.
        web.get().uri("/livez").exchange().expectStatus().isOk();
        web.get().uri("/api/v1/organizations?size=1").exchange().expectStatus().isOk();
        web.get().uri("/api/v1/spheres").exchange().expectStatus().isOk();
        management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("jvm_memory_used_bytes")
                        .contains("http_server_requests_seconds_count")
                        .contains("http_server_requests_seconds_bucket{")
                        .contains("le=\"0.005\"").contains("le=\"10.0\"")
                        .satisfies(scrape -> assertThat(scrape.length()).as("scrape size").isLessThan(2_000_000))
                        .contains("r2dbc_pool_acquired_connections")
                        .contains("lettuce_command_completion_seconds_count")
                        .contains("application=\"ocenka\""));
    }

    @Test
    void thePublicPortAnswersOnlyTheProbesNeverTheActuator() {
        web.get().uri("/livez").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/readyz").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        for (String path : new String[]{"/actuator/prometheus", "/actuator/metrics", "/actuator/health", "/actuator"}) {
            web.get().uri(path).exchange().expectStatus().isNotFound();
        }
    }

    @Test
    void flywayMigratedTheSchema() {
        db.sql("SELECT count(*) AS n FROM flyway_schema_history WHERE success")
                .map(row -> row.get("n", Long.class))
                .one()
                .as(StepVerifier::create)
                .assertNext(n -> assertThat(n).isPositive())
                .verifyComplete();
        db.sql("INSERT INTO audit_event (action, subject) VALUES ('test', 'schema') RETURNING id")
                .map(row -> row.get("id", Long.class))
                .one()
                .as(StepVerifier::create)
                .expectNextCount(1)
                .verifyComplete();
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        web.get().uri("/v3/api-docs").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.openapi").value(v -> assertThat(v.toString()).startsWith("3."))
                .jsonPath("$.info.title").isEqualTo("Ocenka API");
        web.get().uri("/swagger-ui.html").exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().valueMatches("Location", ".*/swagger-ui/index.html");
        web.get().uri("/swagger-ui/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
    }
}

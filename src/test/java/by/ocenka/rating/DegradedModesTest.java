package by.ocenka.rating;

import java.time.Duration;
import java.util.Map;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.platform.embedded.EmbeddedServers;
import by.ocenka.rating.internal.AggregateRebuilder;
import by.ocenka.rating.internal.RatingJobs;
import by.ocenka.rating.internal.RatingKeys;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * With Redis or PostgreSQL down, the portal degrades as DESIGN.md says: public reads answer from what is left,
 * submissions answer 503 promptly, nothing is half-written and no daily limit is spent. Needs the embedded servers,
 * which the test stops and starts.
 */
class DegradedModesTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;
    @Autowired
    AggregateRebuilder rebuilder;
    @Autowired
    RatingJobs jobs;
    @Autowired
    ReactiveStringRedisTemplate strings;

    EmbeddedServers servers;
    long organization;
    WebTestClient citizen;
    long secondCitizen;

    @BeforeEach
    void ratedOrganisation() {
        assumeThat(TestServers.EXTERNAL).as("stopping servers needs the embedded ones").isFalse();
        servers = EmbeddedServers.current();
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        organization = db.sql("SELECT id FROM organization ORDER BY id LIMIT 1").map(r -> r.get("id", Long.class)).one().block();
        rebuilder.rebuild().block(Duration.ofSeconds(30));
        secondCitizen = RatingTestSupport.citizens(db, 1, 2).get(1);
        var sessions = RatingTestSupport.sessions(web, 1, 2);
        rate(sessions.get(0)).expectStatus().isCreated();
        citizen = sessions.get(1);
        jobs.reconcile().block(Duration.ofSeconds(30)); // org_rating and the sortable copies, as the reconciler keeps them
    }

    @Test
    void withRedisDownReadsAnswerAndSubmissionsGet503Promptly() {
        servers.stopRedis();
        try {
            web.get().uri("/api/v1/organizations/" + organization).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.score").isEqualTo(5.0).jsonPath("$.ratingsCount").isEqualTo(1);
            web.get().uri("/api/v1/rankings?scope=country").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.items[0].organization.id").isEqualTo(organization)
                    .jsonPath("$.items[0].score").isEqualTo(5.0);
            web.get().uri("/api/v1/organizations?q=министерство").exchange().expectStatus().isOk();
            long started = System.nanoTime();
            rate(citizen).expectStatus().isEqualTo(503).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(count()).isEqualTo(1);
        } finally {
            servers.startRedis();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/readyz").exchange()
                .expectStatus().isOk());
    }

    @Test
    void withPostgresDownSubmissionsGet503AndTheLimitIsNotSpent() {
        servers.stopPostgres();
        try {
            long started = System.nanoTime();
            rate(citizen).expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.type").value(type -> assertThat((String) type)
                            .isIn("https://ocenka.by/problems/storage-unavailable", "https://ocenka.by/problems/unavailable"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            // The citizen who tried (the second) holds no key for today; the first, who rated before, does.
            assertThat(strings.keys(RatingKeys.DAILY_LIMITS_PATTERN).collectList().block()).noneMatch(key -> key.contains("}:" + secondCitizen + ":"));
        } finally {
            servers.startPostgres();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/readyz").exchange()
                .expectStatus().isOk());
        // The day was not spent: the same citizen rates now.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> rate(citizen).expectStatus().isCreated());
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void loginsTheDatabaseCouldNotJudgeDoNotCountAgainstTheThrottle() {
        WebTestClient client = withCsrf();
        servers.stopPostgres();
        try {
            // More than the 20 attempts one address may fail: each is 503 (undecided), none is 429.
            for (int i = 0; i < 25; i++) {
                client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("email", "citizen2@load.test", "password", "pw-2-secret"))
                        .exchange().expectStatus().isEqualTo(503);
            }
        } finally {
            servers.startPostgres();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> client.post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", "citizen2@load.test", "password", "pw-2-secret"))
                .exchange().expectStatus().isOk());
    }

    /** After a restart the pool may still hold connections to the old server: use them up until all work again. */
    @AfterEach
    void poolRecovered() {
        if (servers != null) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Flux.range(0, 25)
                    .flatMap(i -> db.sql("SELECT 1 AS n").map(r -> 1).one().onErrorReturn(0), 25)
                    .reduce(0, Integer::sum).block()).isEqualTo(25));
        }
    }

    private WebTestClient.ResponseSpec rate(WebTestClient client) {
        return client.post().uri("/api/v1/organizations/" + organization + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange();
    }

    private long count() {
        return db.sql("SELECT count(*) AS n FROM questionnaire").map(r -> r.get("n", Long.class)).one().block();
    }
}

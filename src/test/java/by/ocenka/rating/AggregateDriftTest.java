package by.ocenka.rating;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.platform.Minsk;
import by.ocenka.rating.internal.RatingJobs;
import by.ocenka.rating.internal.RatingKeys;
import by.ocenka.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No accepted rating is lost to the running aggregates: a request the client abandons mid-flight still reaches
 * them, and a questionnaire committed whose update never ran (the instance died in between) is found and repaired
 * by the reconciler.
 */
class AggregateDriftTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;
    @Autowired
    RatingJobs jobs;
    @Autowired
    Clock clock;

    private long organization() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        return db.sql("SELECT id FROM organization WHERE status = 'ACTIVE' ORDER BY id LIMIT 1")
                .map(r -> r.get("id", Long.class)).one().block();
    }

    private long countInPostgres(long organization) {
        return db.sql("SELECT count(*) FROM questionnaire WHERE organization_id = :o").bind("o", organization)
                .map(r -> r.get(0, Long.class)).one().block();
    }

    private long countShown(long organization) {
        clearCaches();
        Number n = (Number) web.get().uri("/api/v1/organizations/{id}", organization).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("ratingsCount");
        return n.longValue();
    }

    @Test
    void aQuestionnaireCommittedButNeverAppliedIsFoundAndRepairedByTheReconciler() {
        long organization = organization();
        List<Long> citizens = RatingTestSupport.citizens(db, 1, 2);
        RatingTestSupport.sessions(web, 1, 1).get(0).post().uri("/api/v1/organizations/{id}/ratings", organization)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("scores", RatingTestSupport.FIVES))
                .exchange().expectStatus().isCreated();
        // The instance died between the commit and the update: the second questionnaire is in PostgreSQL only.
        db.sql("""
                        INSERT INTO questionnaire (organization_id, user_id, local_date, scores, mean)
                        VALUES (:o, :u, current_date, '{"SIMPLICITY":1,"INFORMATION":1,"TIMELINESS":1,"POLITENESS":1,"OVERALL":1}', 1.0)""")
                .bind("o", organization).bind("u", citizens.get(1)).then().block();
        assertThat(countShown(organization)).isEqualTo(1);

        jobs.reconcile().block(Duration.ofSeconds(60));
        assertThat(countShown(organization)).isEqualTo(2).isEqualTo(countInPostgres(organization));
        // (5 + 1) / 2 = 3.0 in the public figures too, from the aggregate.
        clearCaches();
        assertThat(((Number) web.get().uri("/api/v1/organizations/{id}", organization).exchange().expectBody(Map.class)
                .returnResult().getResponseBody().get("ratingsCount")).longValue()).isEqualTo(2);
    }

    @Test
    void aDailyLimitTakenByAnInstanceThatDiedBeforeWritingDoesNotRefuseTheCitizen() {
        long organization = organization();
        List<Long> citizens = RatingTestSupport.citizens(db, 1, 1);
        // The instance took the limit in Redis, then died before the row was written.
        String key = RatingKeys.dailyLimit(citizens.get(0), organization,
                Minsk.today(clock));
        new ReactiveStringRedisTemplate(redis).opsForValue().set(key, "1").block();
        WebTestClient citizen = RatingTestSupport.sessions(web, 1, 1).get(0);
        citizen.post().uri("/api/v1/organizations/{id}/ratings", organization).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isCreated();
        // And the limit holds again for the rest of the day.
        citizen.post().uri("/api/v1/organizations/{id}/ratings", organization).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isEqualTo(409);
        assertThat(countInPostgres(organization)).isEqualTo(1);
    }

    @Test
    void requestsTheClientAbandonsMidFlightStillReachTheAggregates() {
        long organization = organization();
        RatingTestSupport.citizens(db, 1, 30);
        List<WebTestClient> sessions = RatingTestSupport.sessions(web, 1, 30);
        for (int i = 0; i < sessions.size(); i++) {
            // Gone after a few milliseconds: before, during or after the commit.
            WebTestClient impatient = sessions.get(i).mutate().responseTimeout(Duration.ofMillis(1 + i % 15)).build();
            try {
                impatient.post().uri("/api/v1/organizations/{id}/ratings", organization)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("scores", RatingTestSupport.FIVES))
                        .exchange();
            } catch (RuntimeException abandoned) {
                // the client stopped waiting
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(countShown(organization)).isEqualTo(countInPostgres(organization)));
        assertThat(countInPostgres(organization)).isPositive();
    }

    @Test
    void aRankingScoreWrittenAfterTheLastQuestionnaireWasHiddenLeavesAtTheReRank() {
        long organization = organization();
        jobs.rebuildAndReconcile().block(Duration.ofSeconds(60));
        // A rating's ranking writes follow its counters: one that lands after the hide of the organisation's only
        // questionnaire (counters back to zero) leaves it ranked without a questionnaire.
        var template = new ReactiveStringRedisTemplate(redis);
        template.opsForZSet().add(RatingKeys.COUNTRY, String.valueOf(organization), 4.2).block();
        clearCaches();
        web.get().uri("/api/v1/rankings?scope=country").exchange().expectBody()
                .jsonPath("$.items[?(@.organization.id == " + organization + ")]").isNotEmpty();

        jobs.runOnce().block(Duration.ofSeconds(60));
        assertThat(template.opsForZSet().score(RatingKeys.COUNTRY, String.valueOf(organization))
                .block()).isNull();
        clearCaches();
        web.get().uri("/api/v1/rankings?scope=country").exchange().expectBody()
                .jsonPath("$.items[?(@.organization.id == " + organization + ")]").isEmpty();
    }
}

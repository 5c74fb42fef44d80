package by.ocenka.rating;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.rating.internal.AggregateRebuilder;
import by.ocenka.rating.internal.Criteria;
import by.ocenka.rating.internal.FiguresRepository;
import by.ocenka.rating.internal.RatingJobs;
import by.ocenka.rating.internal.RatingKeys;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** The rating pipeline against real PostgreSQL and Redis: formulas, the daily limit, concurrency, rebuilds. */
@Import(RatingPipelineTest.Clocks.class)
class RatingPipelineTest extends IntegrationTest {

    static final ZoneId MINSK = ZoneId.of("Europe/Minsk");
    static final Instant NOON = Instant.parse("2026-11-20T09:00:00Z"); // 12:00 in Minsk

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(NOON, MINSK);
        }
    }

    @Autowired
    CatalogDemoData demo;
    @Autowired
    MutableClock clock;
    @Autowired
    ReactiveStringRedisTemplate strings;
    @Autowired
    AggregateRebuilder rebuilder;

    long parent;
    long child;
    long other;

    @BeforeEach
    void catalogue() {
        clock.set(NOON);
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        Map<String, Object> pair = db.sql("""
                        SELECT c.id AS child, c.parent_id AS parent FROM organization c
                        WHERE c.parent_id IS NOT NULL ORDER BY c.id LIMIT 1""").fetch().one().block();
        child = ((Number) pair.get("child")).longValue();
        parent = ((Number) pair.get("parent")).longValue();
        other = db.sql("SELECT id FROM organization WHERE id NOT IN (:a, :b) AND parent_id IS DISTINCT FROM :b ORDER BY id LIMIT 1")
                .bind("a", child).bind("b", parent).map(r -> r.get("id", Long.class)).one().block();
        rebuilder.rebuild().block(Duration.ofSeconds(30));
    }

    @Test
    void formulasOnHandComputedExamplesIncludingExtraCriteria() {
        RatingTestSupport.citizens(db, 1, 4);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 4);
        rate(citizens.get(0), other, Map.of("SIMPLICITY", 5, "INFORMATION", 5, "TIMELINESS", 5, "POLITENESS", 5, "OVERALL", 5))
                .expectStatus().isCreated().expectBody().jsonPath("$.mean").isEqualTo(5.0)
                .jsonPath("$.organization.score").isEqualTo(5.0).jsonPath("$.organization.ratingsCount").isEqualTo(1);
        rate(citizens.get(1), other, Map.of("SIMPLICITY", 4, "INFORMATION", 4, "TIMELINESS", 4, "POLITENESS", 4, "OVERALL", 3))
                .expectStatus().isCreated().expectBody().jsonPath("$.mean").isEqualTo(3.8);
        // (5 + 3.8 + 2.8) / 3 = 3.8666… → 3.87; satisfied (mean ≥ 4): 1 of 3 → 33.33 %.
        rate(citizens.get(2), other, Map.of("SIMPLICITY", 3, "INFORMATION", 2, "TIMELINESS", 3, "POLITENESS", 3, "OVERALL", 3))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.mean").isEqualTo(2.8)
                .jsonPath("$.organization.score").isEqualTo(3.87)
                .jsonPath("$.organization.ratingsCount").isEqualTo(3)
                .jsonPath("$.organization.satisfaction").isEqualTo(33.33);

        // The parent body adds an extra criterion: its subordinate is now rated on six.
        db.sql("INSERT INTO criterion (code, organization_id, name_ru, name_be, name_en, position) "
                + "VALUES ('WAITING', :org, 'Время ожидания', 'Час чакання', 'Waiting time', 6)").bind("org", parent).then().block();
        waitForCriteria();
        rate(citizens.get(3), child, RatingTestSupport.FIVES).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("scores.WAITING");
        Map<String, Integer> six = new HashMap<>(RatingTestSupport.FIVES);
        six.put("WAITING", 2);
        // (5·5 + 2) / 6 = 4.5
        rate(citizens.get(3), child, six).expectStatus().isCreated().expectBody().jsonPath("$.mean").isEqualTo(4.5);

        web.get().uri("/api/v1/organizations/" + other).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.score").isEqualTo(3.87)
                .jsonPath("$.satisfaction").isEqualTo(33.33)
                .jsonPath("$.criteria.length()").isEqualTo(5)
                .jsonPath("$.criteriaScores.SIMPLICITY").isEqualTo(4.0)   // (5+4+3)/3
                .jsonPath("$.criteriaScores.INFORMATION").isEqualTo(3.67) // (5+4+2)/3
                .jsonPath("$.ranks.country").doesNotExist(); // 3 questionnaires: too few for a position (5)
        web.get().uri("/api/v1/organizations/" + child).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.criteria[5].code").isEqualTo("WAITING")
                .jsonPath("$.criteria[5].base").isEqualTo(false)
                .jsonPath("$.criteriaScores.WAITING").isEqualTo(2.0)
                .jsonPath("$.ranks.country").doesNotExist();
        // Officially neither has a position yet: both listed by score (4.5, 3.87), unranked. (The rankings follow
        // the ratings within milliseconds: written behind them.)
        eventually(() -> web.get().uri("/api/v1/rankings?scope=country").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[0].organization.id").isEqualTo(child)
                .jsonPath("$.items[0].ranked").isEqualTo(false)
                .jsonPath("$.items[1].organization.id").isEqualTo(other)
                .jsonPath("$.items[1].score").isEqualTo(3.87));
        // The fair order (C = 10), scored against m = 4 (the prior, until a re-rank measures the country's mean):
        // child (10·4 + 4.5) / 11 = 4.045 above other (10·4 + 11.6) / 13 = 3.969.
        eventually(() -> web.get().uri("/api/v1/rankings?scope=country&order=fair").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].organization.id").isEqualTo(child)
                .jsonPath("$.items[0].rank").isEqualTo(1)
                .jsonPath("$.items[1].rank").isEqualTo(2));
        web.get().uri("/api/v1/organizations/" + other + "/reviews").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(3).jsonPath("$.items[0].mean").isEqualTo(2.8);

        // The reconciler's copies: the catalogue sorts by them and the map shows them.
        jobs.reconcile().block(Duration.ofSeconds(30));
        web.get().uri("/api/v1/organizations?sort=rank&size=2").exchange().expectBody()
                .jsonPath("$.items[0].id").isEqualTo(child).jsonPath("$.items[1].id").isEqualTo(other);
        web.get().uri("/api/v1/organizations?sort=score&size=1").exchange().expectBody().jsonPath("$.items[0].id").isEqualTo(child);
        web.get().uri("/api/v1/organizations?sort=ratings&size=1").exchange().expectBody().jsonPath("$.items[0].id").isEqualTo(other);
        Map<String, Object> place = db.sql("SELECT latitude, longitude FROM organization WHERE id = :id").bind("id", other).fetch().one().block();
        double lat = ((Number) place.get("latitude")).doubleValue();
        double lon = ((Number) place.get("longitude")).doubleValue();
        web.get().uri("/api/v1/map/organizations?bbox=" + (lon - 0.0001) + "," + (lat - 0.0001) + "," + (lon + 0.0001) + "," + (lat + 0.0001))
                .exchange().expectBody()
                .jsonPath("$.features[?(@.properties.id == " + other + ")].properties.score").isEqualTo(List.of(3.87))
                .jsonPath("$.features[?(@.properties.id == " + other + ")].properties.ratingsCount").isEqualTo(List.of(3));
    }

    @Autowired
    RatingJobs jobs;

    @Test
    void secondRatingTheSameMinskDayIs409UntilMidnight() {
        RatingTestSupport.citizens(db, 1, 1);
        WebTestClient citizen = RatingTestSupport.sessions(web, 1, 1).get(0);
        rate(citizen, other, RatingTestSupport.FIVES).expectStatus().isCreated();
        rate(citizen, other, RatingTestSupport.FIVES).expectStatus().isEqualTo(409)
                .expectHeader().exists("Retry-After")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/daily-limit")
                .jsonPath("$.retryAfter").isEqualTo("2026-11-21T00:00+03:00");
        clock.set(Instant.parse("2026-11-20T20:59:59Z")); // 23:59:59 in Minsk
        rate(citizen, other, RatingTestSupport.FIVES).expectStatus().isEqualTo(409);
        clock.set(Instant.parse("2026-11-20T21:00:01Z")); // 00:00:01 on the 21st
        rate(citizen, other, RatingTestSupport.FIVES).expectStatus().isCreated();
        assertThat(count("SELECT count(*) AS n FROM questionnaire")).isEqualTo(2);
    }

    @Test
    void fiftyConcurrentSubmissionsByOneCitizenGiveOne201() {
        RatingTestSupport.citizens(db, 1, 1);
        WebTestClient citizen = RatingTestSupport.sessions(web, 1, 1).get(0);
        Map<Integer, Integer> statuses = Flux.range(0, 50).parallel(50).runOn(RatingTestSupport.CLIENTS)
                .map(i -> rate(citizen, other, RatingTestSupport.FIVES).expectBody().returnResult().getStatus().value())
                .sequential().collect(HashMap<Integer, Integer>::new, (m, s) -> m.merge(s, 1, Integer::sum))
                .block(Duration.ofMinutes(1));
        assertThat(statuses).containsEntry(201, 1).containsEntry(409, 49);
        assertThat(count("SELECT count(*) AS n FROM questionnaire")).isEqualTo(1);
    }

    @Test
    void twoThousandConcurrentCitizensAreAllCommittedAndRedisEqualsPostgres() {
        RatingTestSupport.citizens(db, 1, 2000);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 2000);
        List<Long> organizations = db.sql("SELECT id FROM organization ORDER BY id LIMIT 40").map(r -> r.get("id", Long.class))
                .all().collectList().block();
        AtomicInteger created = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Flux.range(0, 2000).parallel(64).runOn(RatingTestSupport.CLIENTS)
                .doOnNext(i -> {
                    Map<String, Integer> scores = new HashMap<>();
                    int k = 0;
                    for (String code : List.of("SIMPLICITY", "INFORMATION", "TIMELINESS", "POLITENESS", "OVERALL")) {
                        scores.put(code, 1 + (i * 7 + k++ * 3) % 5);
                    }
                    var result = rate(citizens.get(i), organizations.get(i % organizations.size()), scores)
                            .expectBody(String.class).returnResult();
                    int status = result.getStatus().value();

                    statuses.merge(status, 1, Integer::sum);
                    if (status == 201) {
                        created.incrementAndGet();
                    }
                })
                .sequential().blockLast(Duration.ofMinutes(3));
        assertThat(statuses).containsExactly(Map.entry(201, 2000));
        assertThat(created.get()).isEqualTo(2000);
        assertThat(count("SELECT count(*) AS n FROM questionnaire")).isEqualTo(2000);
        assertRedisEqualsPostgres();
    }

    @Test
    void afterFlushAllTheRebuildRestoresScoresAndRanksAndTheLimitHolds() {
        RatingTestSupport.citizens(db, 1, 30);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 30);
        List<Long> organizations = db.sql("SELECT id FROM organization ORDER BY id LIMIT 6").map(r -> r.get("id", Long.class))
                .all().collectList().block();
        for (int i = 0; i < 30; i++) {
            int s = 1 + i % 5;
            rate(citizens.get(i), organizations.get(i % 6), Map.of("SIMPLICITY", s, "INFORMATION", 5, "TIMELINESS", s,
                    "POLITENESS", 4, "OVERALL", s)).expectStatus().isCreated();
        }
        // Positions as of a re-rank (the reconciler's, every few minutes), which a rebuild must reproduce.
        rebuilder.rerank().block(Duration.ofSeconds(30));
        String before = web.get().uri("/api/v1/rankings?scope=country").exchange().expectBody(String.class).returnResult().getResponseBody();
        String fairBefore = web.get().uri("/api/v1/rankings?scope=country&order=fair").exchange().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(before).contains("\"rank\":6,");
        redis.getReactiveConnection().serverCommands().flushAll().block();
        // Rankings are kept in memory a few seconds: the emptied Redis shows once they are read again.
        eventually(() -> web.get().uri("/api/v1/rankings?scope=country").exchange().expectBody().jsonPath("$.total").isEqualTo(0));
        rebuilder.rebuild().block(Duration.ofSeconds(30));
        eventually(() -> assertThat(web.get().uri("/api/v1/rankings?scope=country").exchange().expectBody(String.class)
                .returnResult().getResponseBody()).isEqualTo(before));
        eventually(() -> assertThat(web.get().uri("/api/v1/rankings?scope=country&order=fair").exchange()
                .expectBody(String.class).returnResult().getResponseBody()).isEqualTo(fairBefore));
        assertRedisEqualsPostgres();
        // The limit key went with the flush (and the sessions: log in again); the unique key in PostgreSQL still says no.
        WebTestClient again = RatingTestSupport.sessions(web, 1, 1).get(0);
        rate(again, organizations.get(0), RatingTestSupport.FIVES).expectStatus().isEqualTo(409);
        assertThat(count("SELECT count(*) AS n FROM questionnaire")).isEqualTo(30);
    }

    @Test
    void hidingAndRestoringMovesTheAggregatesExactly() {
        RatingTestSupport.citizens(db, 1, 3);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 3);
        rate(citizens.get(0), other, RatingTestSupport.FIVES).expectStatus().isCreated();
        rate(citizens.get(1), other, Map.of("SIMPLICITY", 1, "INFORMATION", 1, "TIMELINESS", 1, "POLITENESS", 1, "OVERALL", 1))
                .expectStatus().isCreated();
        long abusive = db.sql("SELECT id FROM questionnaire WHERE mean = 1").map(r -> r.get("id", Long.class)).one().block();
        WebTestClient moderator = loggedInAs(Role.MODERATOR, null);
        citizens.get(2).post().uri("/api/v1/moderation/questionnaires/" + abusive + "/hide").exchange().expectStatus().isForbidden();
        moderator.post().uri("/api/v1/moderation/questionnaires/" + abusive + "/hide").exchange().expectStatus().isNoContent();
        // Anonymous readers get the organisation from memory, rendered again within a second of the change.
        eventually(() -> web.get().uri("/api/v1/organizations/" + other).exchange().expectBody()
                .jsonPath("$.score").isEqualTo(5.0).jsonPath("$.ratingsCount").isEqualTo(1));
        moderator.post().uri("/api/v1/moderation/questionnaires/" + abusive + "/hide").exchange().expectStatus().isNoContent();
        eventually(() -> web.get().uri("/api/v1/organizations/" + other).exchange().expectBody().jsonPath("$.ratingsCount").isEqualTo(1));
        moderator.post().uri("/api/v1/moderation/questionnaires/" + abusive + "/restore").exchange().expectStatus().isNoContent();
        eventually(() -> web.get().uri("/api/v1/organizations/" + other).exchange().expectBody()
                .jsonPath("$.score").isEqualTo(3.0).jsonPath("$.ratingsCount").isEqualTo(2));
        assertRedisEqualsPostgres();
    }

    @Test
    void badQuestionnairesAreProblemsAndChangeNothing() {
        RatingTestSupport.citizens(db, 1, 1);
        WebTestClient citizen = RatingTestSupport.sessions(web, 1, 1).get(0);
        Map<String, Integer> outOfRange = new HashMap<>(RatingTestSupport.FIVES);
        outOfRange.put("OVERALL", 6);
        rate(citizen, other, outOfRange).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("scores.OVERALL");
        Map<String, Integer> unknown = new HashMap<>(RatingTestSupport.FIVES);
        unknown.put("BEAUTY", 5);
        rate(citizen, other, unknown).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("scores.BEAUTY");
        Map<String, Object> future = RatingTestSupport.body(RatingTestSupport.FIVES);
        future.put("serviceDate", "2026-11-21");
        future.put("comment", "х".repeat(2001));
        citizen.post().uri("/api/v1/organizations/" + other + "/ratings").contentType(MediaType.APPLICATION_JSON).bodyValue(future)
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'serviceDate')]").exists()
                .jsonPath("$.errors[?(@.field == 'comment')]").exists();
        rate(citizen, 987654321L, RatingTestSupport.FIVES).expectStatus().isNotFound();
        withCsrf().post().uri("/api/v1/organizations/" + other + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(RatingTestSupport.body(RatingTestSupport.FIVES)).exchange().expectStatus().isUnauthorized();
        // An unconfirmed citizen may not rate.
        accounts.register("new@example.by", "Brest-fortress-1941", "Новичок", Locale.ROOT).block();
        rate(loggedIn("new@example.by", "Brest-fortress-1941"), other, RatingTestSupport.FIVES).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/email-not-confirmed");
        assertThat(count("SELECT count(*) AS n FROM questionnaire")).isZero();
        // Nothing was spent either: the first valid questionnaire goes through.
        rate(citizen, other, RatingTestSupport.FIVES).expectStatus().isCreated();
    }

    @Autowired
    FiguresRepository figures;

    @Test
    void theSatisfiedThresholdIsKeptInStepWithEveryDaysCount() {
        RatingTestSupport.citizens(db, 1, 2);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 2);
        rate(citizens.get(0), other, RatingTestSupport.FIVES).expectStatus().isCreated();
        rate(citizens.get(1), other, Map.of("SIMPLICITY", 4, "INFORMATION", 4, "TIMELINESS", 4, "POLITENESS", 4, "OVERALL", 4))
                .expectStatus().isCreated();
        assertThat(count("SELECT sum(satisfied) AS n FROM org_day")).isEqualTo(2);
        try {
            assertThat(figures.useSatisfiedFrom(new BigDecimal("5")).block()).isTrue();
            assertThat(count("SELECT sum(satisfied) AS n FROM org_day")).isEqualTo(1);
            assertThat(figures.useSatisfiedFrom(new BigDecimal("5")).block()).isFalse();
        } finally {
            figures.useSatisfiedFrom(new BigDecimal("4")).block();
        }
        assertThat(count("SELECT sum(satisfied) AS n FROM org_day")).isEqualTo(2);
        assertDaysEqualQuestionnaires();
    }

    /** org_day, kept by triggers, against the questionnaires themselves: every organisation's every day. */
    private void assertDaysEqualQuestionnaires() {
        String days = "SELECT organization_id, day, questionnaires, sum_means, satisfied, criteria FROM org_day WHERE questionnaires <> 0";
        String truth = """
                SELECT organization_id, local_date AS day, count(*)::int AS questionnaires, sum(mean)::numeric(16,6) AS sum_means,
                       (count(*) FILTER (WHERE mean >= 4))::int AS satisfied,
                       (SELECT jsonb_object_agg(code, jsonb_build_array(total, n)) FROM (
                            SELECT s.key AS code, sum(s.value::int) AS total, count(*) AS n
                            FROM questionnaire q2, jsonb_each_text(q2.scores) s
                            WHERE q2.organization_id = q.organization_id AND q2.local_date = q.local_date AND q2.status = 'PUBLISHED'
                            GROUP BY s.key) c) AS criteria
                FROM questionnaire q WHERE status = 'PUBLISHED' GROUP BY organization_id, local_date""";
        assertThat(count("SELECT count(*) AS n FROM ((" + days + ") EXCEPT (" + truth + ")) d")).as("org_day rows not in the questionnaires").isZero();
        assertThat(count("SELECT count(*) AS n FROM ((" + truth + ") EXCEPT (" + days + ")) d")).as("questionnaire days not in org_day").isZero();
    }

    private void assertRedisEqualsPostgres() {
        assertDaysEqualQuestionnaires();
        Map<Long, long[]> truth = new HashMap<>();
        db.sql("""
                        SELECT organization_id, count(*) AS n, sum(mean * 1000000)::bigint AS sum,
                               count(*) FILTER (WHERE mean >= 4) AS sat
                        FROM questionnaire WHERE status = 'PUBLISHED' GROUP BY organization_id""")
                .map(r -> Map.entry(r.get("organization_id", Long.class),
                        new long[]{r.get("n", Long.class), r.get("sum", Long.class), r.get("sat", Long.class)}))
                .all().doOnNext(e -> truth.put(e.getKey(), e.getValue())).blockLast();
        long gn = 0;
        long gsum = 0;
        for (Map.Entry<Long, long[]> e : truth.entrySet()) {
            List<String> redisValues = strings.<String, String>opsForHash().multiGet(RatingKeys.aggregate(e.getKey()), List.of("n", "sum", "sat")).block();
            assertThat(redisValues).as("organisation %d", e.getKey())
                    .containsExactly(String.valueOf(e.getValue()[0]), String.valueOf(e.getValue()[1]), String.valueOf(e.getValue()[2]));
            gn += e.getValue()[0];
            gsum += e.getValue()[1];
        }
        // The country's totals follow the ratings behind their answers, coalesced; a re-rank writes what is queued first.
        rebuilder.rerank().block();
        assertThat(strings.<String, String>opsForHash().multiGet(RatingKeys.GLOBAL, List.of("n", "sum")).block())
                .containsExactly(String.valueOf(gn), String.valueOf(gsum));
        // Per criterion too.
        db.sql("""
                        SELECT q.organization_id, s.key AS code, sum(s.value::int) AS total, count(*) AS n
                        FROM questionnaire q, jsonb_each_text(q.scores) s WHERE q.status = 'PUBLISHED' GROUP BY 1, 2""")
                .map(r -> new Object[]{r.get("organization_id", Long.class), r.get("code", String.class),
                        r.get("total", Long.class), r.get("n", Long.class)})
                .all().collectList().block()
                .forEach(r -> assertThat(strings.<String, String>opsForHash()
                        .multiGet(RatingKeys.aggregate((Long) r[0]), List.of("s:" + r[1], "c:" + r[1])).block())
                        .containsExactly(String.valueOf(r[2]), String.valueOf(r[3])));
    }

    @Autowired
    Criteria criteria;

    private void waitForCriteria() {
        // Criteria are cached for a minute per organisation; the test does not wait that long.
        criteria.clear();
    }

    private WebTestClient.ResponseSpec rate(WebTestClient client, long organization, Map<String, Integer> scores) {
        return client.post().uri("/api/v1/organizations/" + organization + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(RatingTestSupport.body(scores)).exchange();
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get("n", Long.class)).one().block();
    }


}

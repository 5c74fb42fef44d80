package by.ocenka.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.rating.internal.AggregateRebuilder;
import by.ocenka.rating.internal.RatingJobs;
import by.ocenka.rating.internal.RatingKeys;
import by.ocenka.support.EmbeddedRedisCluster;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.SecondInstance;
import by.ocenka.support.TestClients;
import io.lettuce.core.cluster.RedisClusterClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal on a real Redis Cluster (three masters, a replica each, started by the test): sessions, limits,
 * throttles, the rating pipeline with its rankings and live events, a rebuild that scans every master, and a master
 * crashing while citizens submit: no accepted rating lost, the daily limit exact afterwards (docs/SCALING.md).
 */
class RedisClusterTest extends IntegrationTest {

    private static EmbeddedRedisCluster cluster;

    @Autowired
    Environment environment;

    @Autowired
    CatalogDemoData demo;

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedRedisCluster.start(Path.of("target", "redis-cluster", UUID.randomUUID().toString()), 3);
    }

    @BeforeEach
    void emptyCluster() {
        cluster.flushAll();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void citizensRateOnAClusterAsOnOneServer() {
        List<Long> organizations = minskOrganizations(2);
        long first = organizations.get(0);
        long second = organizations.get(1);
        RatingTestSupport.citizens(db, 1, 6);
        try (SecondInstance clustered = clustered()) {
            clustered.bean(AggregateRebuilder.class).rebuild().block(Duration.ofSeconds(30));
            List<WebTestClient> citizens = RatingTestSupport.sessions(clustered.web, 1, 6);
            // Logging in again on a session changes its id: the old and the new key live on different slots.
            WebTestClient anonymous = csrf(clustered.web);
            String before = login(anonymous, "citizen2@load.test", "pw-2-secret").expectStatus().isOk()
                    .expectBody().returnResult().getResponseCookies().getFirst("SESSION").getValue();
            String after = login(anonymous.mutate().defaultCookie("SESSION", before).build(), "citizen1@load.test",
                    "pw-1-secret").expectStatus().isOk().expectBody().returnResult().getResponseCookies()
                    .getFirst("SESSION").getValue();
            assertThat(after).isNotEqualTo(before);
            anonymous.mutate().defaultCookie("SESSION", after).build().get().uri("/api/v1/me").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.email").isEqualTo("citizen1@load.test");
            anonymous.mutate().defaultCookie("SESSION", before).build().get().uri("/api/v1/me").exchange()
                    .expectStatus().isUnauthorized();
            citizens.get(0).get().uri("/api/v1/me").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.email").isEqualTo("citizen1@load.test");

            List<Long> eventIds = new CopyOnWriteArrayList<>();
            StepVerifier.create(liveStream(clustered, first).take(3).doOnNext(event -> {
                        if (event.id() != null) {
                            eventIds.add(Long.valueOf(event.id()));
                        }
                    }))
                    .assertNext(event -> assertThat(event.comment()).isEqualTo("live"))
                    .then(() -> rate(citizens.get(0), first).expectStatus().isCreated())
                    .assertNext(event -> assertThat(event.data()).containsEntry("organizationId", (int) first)
                            .containsEntry("ratingsCount", 1))
                    .then(() -> rate(citizens.get(1), first).expectStatus().isCreated())
                    // Numbered by the organisation's own sequence, on its slot.
                    .assertNext(event -> assertThat(event.data()).containsEntry("ratingsCount", 2))
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
            assertThat(eventIds).hasSize(2);
            assertThat(eventIds.get(1)).isGreaterThan(eventIds.get(0));

            for (int i = 2; i < 4; i++) {
                rate(citizens.get(i), first).expectStatus().isCreated();
            }
            rate(citizens.get(4), second).expectStatus().isCreated();
            rate(citizens.get(5), second).expectStatus().isCreated().expectBody()
                    .jsonPath("$.organization.ratingsCount").isEqualTo(2);
            rate(citizens.get(0), first).expectStatus().isEqualTo(409);

            assertFigures(clustered, first, 4);
            // The rankings follow the ratings within milliseconds (written behind them).
            eventually(() -> clustered.web.get().uri("/api/v1/rankings?scope=country").exchange().expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.items[?(@.organization.id == " + first + ")].ratingsCount").isEqualTo(List.of(4))
                    .jsonPath("$.items[?(@.organization.id == " + second + ")].ratingsCount").isEqualTo(List.of(2)));

            // Sessions, limits, counters, aggregates and rankings are spread over every master.
            for (int master : cluster.masters()) {
                assertThat(cluster.on(master, redis -> redis.dbsize()).longValue()).as("keys on master %d", master).isPositive();
            }
            // A rebuild scans and deletes on every master, then writes the same figures back: a leftover ranking on
            // each master (say, of a sphere since merged away) is gone afterwards.
            List<String> leftovers = new ArrayList<>();
            for (int master : cluster.masters()) {
                String key = cluster.keyOn(master, "rank:sphere:9");
                cluster.on(master, redis -> redis.zadd(key, 1.0, "1"));
                leftovers.add(key);
            }
            clustered.bean(AggregateRebuilder.class).rebuild().block(Duration.ofSeconds(30));
            for (String key : leftovers) {
                assertThat(cluster.on(cluster.masterOf(key), redis -> redis.exists(key)).longValue()).as(key).isZero();
            }
            assertFigures(clustered, first, 4);
            assertFigures(clustered, second, 2);

            // The login throttle's three counters live on three slots: five failures, then 429.
            WebTestClient stranger = csrf(clustered.web);
            for (int i = 0; i < 5; i++) {
                login(stranger, "citizen6@load.test", "wrong-" + i).expectStatus().isUnauthorized();
            }
            login(stranger, "citizen6@load.test", "pw-6-secret").expectStatus().isEqualTo(429)
                    .expectHeader().exists("Retry-After");
        }
    }

    @Test
    void aMasterCrashingWhileCitizensSubmitLosesNoAcceptedRating() {
        int count = 90;
        List<Long> organizations = minskOrganizations(3);
        RatingTestSupport.citizens(db, 1, count + 20);
        try (SecondInstance clustered = clustered()) {
            clustered.bean(AggregateRebuilder.class).rebuild().block(Duration.ofSeconds(30));
            List<WebTestClient> citizens = RatingTestSupport.sessions(clustered.web, 1, count + 20);
            long victim = organizations.get(0);
            Map<Integer, Integer> finalStatus = new ConcurrentHashMap<>();
            Map<Integer, Long> acceptedIds = new ConcurrentHashMap<>();
            AtomicInteger unavailable = new AtomicInteger();
            AtomicLong crashedAt = new AtomicLong();
            AtomicLong firstAfterCrash = new AtomicLong();

            Flux.range(0, count)
                    .delayElements(Duration.ofMillis(60))
                    .publishOn(Schedulers.boundedElastic())
                    .doOnNext(i -> {
                        if (i == count / 3) {
                            // The master holding the first organisation's aggregate, daily limits and fair-play counts.
                            int port = cluster.crashMasterOf(RatingKeys.aggregate(victim));
                            crashedAt.set(System.nanoTime());
                            System.out.printf("Redis Cluster: master %d crashed after %d submissions%n", port, i);
                        }
                    })
                    .flatMap(i -> Mono.fromCallable(() -> submitUntilAnswered(citizens.get(i), organizations.get(i % 3), unavailable))
                            .subscribeOn(Schedulers.boundedElastic())
                            .doOnNext(answer -> {
                                finalStatus.put(i, answer.status());
                                if (answer.status() == 201) {
                                    acceptedIds.put(i, answer.id());
                                    if (i % 3 == 0 && crashedAt.get() > 0) {
                                        firstAfterCrash.compareAndSet(0, System.nanoTime());
                                    }
                                }
                            }), 32)
                    .blockLast(Duration.ofMinutes(3));
            cluster.awaitHealthy();
            System.out.printf("Redis Cluster failover: %d submissions answered 503 and were sent again; first rating of the"
                            + " crashed master's organisation accepted %d ms after the crash; %d accepted, %d already rated%n",
                    unavailable.get(), (firstAfterCrash.get() - crashedAt.get()) / 1_000_000,
                    finalStatus.values().stream().filter(s -> s == 201).count(),
                    finalStatus.values().stream().filter(s -> s == 409).count());

            // Every submission got an answer; every citizen has exactly one stored questionnaire; every 201 is in it.
            assertThat(finalStatus).hasSize(count);
            assertThat(finalStatus.values()).allMatch(s -> s == 201 || s == 409);
            Map<Long, Long> stored = db.sql("SELECT id, user_id FROM questionnaire WHERE organization_id IN (:ids)")
                    .bind("ids", organizations).map(r -> Map.entry(r.get("id", Long.class), r.get("user_id", Long.class)))
                    .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
            assertThat(stored).hasSize(count);
            assertThat(stored.values()).doesNotHaveDuplicates();
            assertThat(stored.keySet()).containsAll(acceptedIds.values());

            // The aggregates the crash cost are repaired by the jobs (the drift check, or the rebuild of a stale mark).
            RatingJobs jobs = clustered.bean(RatingJobs.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .untilAsserted(() -> {
                        jobs.runOnce().block(Duration.ofSeconds(30));
                        for (long organization : organizations) {
                            assertFigures(clustered, organization, count / 3);
                        }
                    });

            var meters = clustered.bean(MeterRegistry.class);
            System.out.printf("Redis Cluster failover: aggregates repaired from PostgreSQL: %.0f rebuilds, %.0f organisations"
                            + " found drifted%n", meters.counter("ocenka.aggregates.rebuilds").count(),
                    meters.counter("ocenka.aggregates.drift").count());

            // The daily limit holds after the failover (PostgreSQL's unique key refusing what Redis forgot): nobody rates
            // the same organisation twice today.
            List<Integer> again = Flux.range(0, count)
                    .flatMap(i -> Mono.fromCallable(() -> submitUntilAnswered(citizens.get(i), organizations.get(i % 3),
                            unavailable).status()).subscribeOn(Schedulers.boundedElastic()), 16)
                    .collectList().block(Duration.ofMinutes(2));
            assertThat(again).hasSize(count).allMatch(s -> s == 409);
            assertThat(db.sql("SELECT count(*) AS n FROM questionnaire WHERE organization_id IN (:ids)").bind("ids", organizations)
                    .map(r -> r.get("n", Long.class)).one().block()).isEqualTo(count);

            // Live events reach subscribers again after the failover (the subscription is renewed when it falls silent).
            AtomicInteger next = new AtomicInteger(count);
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    StepVerifier.create(liveStream(clustered, victim).take(2))
                            .assertNext(event -> assertThat(event.comment()).isEqualTo("live"))
                            .then(() -> assertThat(submitUntilAnswered(citizens.get(next.getAndIncrement()), victim,
                                    unavailable).status()).isEqualTo(201))
                            .assertNext(event -> assertThat(event.data()).containsEntry("organizationId", (int) victim))
                            .expectComplete()
                            .verify(Duration.ofSeconds(5)));
        }
    }

    /**
     * Lettuce empties its table of node connections on every topology refresh and refills it under a lock: commands sent
     * from event loops while the topology keeps changing must never park one (BlockHound fails any that does). A cold
     * instance, refreshes back to back, and commands on every slot from Reactor's non-blocking threads and from requests.
     */
    @Test
    void noEventLoopWaitsForAClusterConnectionWhileTheTopologyChanges() {
        List<Long> organizations = minskOrganizations(1);
        RatingTestSupport.citizens(db, 1, 40);
        try (SecondInstance clustered = clustered()) {
            Object factory = clustered.bean(ReactiveRedisConnectionFactory.class);
            Object target = AopProxyUtils.getSingletonTarget(factory);
            var client = (RedisClusterClient) ((LettuceConnectionFactory) (target != null ? target : factory))
                    .getRequiredNativeClient();
            var redis = clustered.bean(ReactiveStringRedisTemplate.class);
            AtomicBoolean changing = new AtomicBoolean(true);
            Thread refresher = new Thread(() -> {
                while (changing.get()) {
                    client.refreshPartitions();
                }
            });
            refresher.start();
            try {
                List<Throwable> failures = new CopyOnWriteArrayList<>();
                Flux.range(0, 5_000)
                        .parallel(4).runOn(Schedulers.parallel())
                        .flatMap(i -> redis.opsForValue().set("probe:" + i, "x", Duration.ofMinutes(1))
                                .onErrorResume(e -> {
                                    failures.add(e);
                                    return Mono.empty();
                                }), false, 16)
                        .sequential().blockLast(Duration.ofMinutes(2));
                List<WebTestClient> citizens = RatingTestSupport.sessions(clustered.web, 1, 40);
                List<Integer> statuses = Flux.range(0, 40)
                        .flatMap(i -> Mono.fromCallable(() -> rate(citizens.get(i), organizations.get(0))
                                .expectBody().returnResult().getStatus().value()).subscribeOn(Schedulers.boundedElastic()), 16)
                        .collectList().block(Duration.ofMinutes(1));
                assertThat(failures).as("commands that failed (a BlockingOperationError is an event loop parked)").isEmpty();
                assertThat(statuses).hasSize(40).containsOnly(201);
            } finally {
                changing.set(false);
                try {
                    refresher.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private record Answer(int status, long id) {
    }

    /** Submits as a citizen's page would: a 503 (Redis failing over) is sent again after a moment. */
    private static Answer submitUntilAnswered(WebTestClient citizen, long organization, AtomicInteger unavailable) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var result = rate(citizen, organization).expectBody(Map.class).returnResult();
            int status = result.getStatus().value();
            if (status != 503 || System.nanoTime() > deadline) {
                Object id = status == 201 ? result.getResponseBody().get("id") : null;
                return new Answer(status, id instanceof Number n ? n.longValue() : 0);
            }
            unavailable.incrementAndGet();
            LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
        }
    }

    private SecondInstance clustered() {
        return new SecondInstance(environment, "http", "--spring.data.redis.cluster.nodes=" + cluster.nodes(),
                // Retries during the failover are writes too.
                "--ocenka.security.write-limit.per-user=1000");
    }

    private List<Long> minskOrganizations(int count) {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        return db.sql("SELECT id FROM organization ORDER BY id LIMIT :n").bind("n", count)
                .map(r -> r.get("id", Long.class)).all().collectList().block();
    }

    private static void assertFigures(SecondInstance instance, long organization, int ratings) {
        instance.web.get().uri("/api/v1/organizations/" + organization).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.ratingsCount").isEqualTo(ratings);
    }

    private static WebTestClient.ResponseSpec rate(WebTestClient citizen, long organization) {
        return citizen.post().uri("/api/v1/organizations/" + organization + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange();
    }

    private static WebTestClient csrf(WebTestClient web) {
        String token = web.get().uri("/api/v1/auth/csrf").exchange().expectBody().returnResult()
                .getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        return web.mutate().defaultCookie("XSRF-TOKEN", token).defaultHeader("X-XSRF-TOKEN", token).build();
    }

    private static WebTestClient.ResponseSpec login(WebTestClient client, String email, String password) {
        return client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password)).exchange();
    }

    private static Flux<ServerSentEvent<Map<String, Object>>> liveStream(SecondInstance instance, long organization) {
        return TestClients.webClient("http://localhost:" + instance.port)
                .get().uri("/api/v1/organizations/{id}/events", organization).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .filter(event -> "rating".equals(event.event()) || "live".equals(event.comment()));
    }
}

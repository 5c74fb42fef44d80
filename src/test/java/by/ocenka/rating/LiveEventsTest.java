package by.ocenka.rating;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.platform.embedded.EmbeddedServers;
import by.ocenka.rating.internal.AggregateRebuilder;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.SecondInstance;
import by.ocenka.support.TestClients;
import by.ocenka.support.TestServers;
import org.assertj.core.api.Assumptions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** A subscriber on one instance sees, within seconds, a rating submitted through another, also after Redis restarts. */
class LiveEventsTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;
    @Autowired
    AggregateRebuilder rebuilder;
    @Autowired
    Environment environment;
    @Autowired
    WebServerApplicationContext context;

    @Test
    void aRatingThroughOneInstanceReachesASubscriberOfAnother() {
        long organization = organizationWithCitizens(2);
        long elsewhere = organization + 1;

        try (SecondInstance second = new SecondInstance(environment)) {
            List<WebTestClient> citizens = RatingTestSupport.sessions(second.web, 1, 2);
            StepVerifier.create(liveStream(organization).take(2))
                    .assertNext(LiveEventsTest::opening) // subscribed on the first instance
                    .then(() -> {
                        // A rating of another organisation must not show up on this stream.
                        rate(citizens.get(0), elsewhere);
                        rate(citizens.get(1), organization);
                    })
                    .assertNext(event -> {
                        assertThat(event.id()).isNotBlank();
                        assertThat(event.data()).containsEntry("organizationId", (int) organization)
                                .containsEntry("ratingsCount", 1).containsEntry("score", 5.0)
                                .containsKey("at");
                        // The organisation's figures only: never what this visitor gave.
                        assertThat(event.data()).containsEntry("questionnaireMean", null).doesNotContainKey("questionnaireId");
                    })
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
        }
    }

    /**
     * Ratings that come together reach the public stream as one update with the page's rounded figures: the stream
     * never tells one questionnaire of a burst from another.
     */
    @Test
    void ratingsThatComeTogetherReachTheStreamAsOneUpdate() {
        long organization = organizationWithCitizens(3);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 3);
        List<ServerSentEvent<Map<String, Object>>> updates = new CopyOnWriteArrayList<>();
        StepVerifier.create(liveStream(organization).take(2))
                .assertNext(LiveEventsTest::opening)
                .then(() -> citizens.forEach(citizen -> rate(citizen, organization)))
                .assertNext(updates::add)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(updates.get(0).data()).containsEntry("ratingsCount", 3).containsEntry("questionnaireMean", null);
    }

    @Test
    void liveStreamsAreCappedPerAddressAndPerInstance() {
        long organization = organizationWithCitizens(1);
        try (SecondInstance capped = new SecondInstance(environment, "http",
                "--ocenka.live.max-streams-per-address=2", "--ocenka.live.max-streams=3")) {
            WebClient client = TestClients.webClient("http://localhost:" + capped.port);
            Function<String, Mono<Integer>> statusFrom = address -> client.get()
                    .uri("/api/v1/organizations/{id}/events", organization).header("X-Forwarded-For", address)
                    .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                    .next().map(opening -> 200) // admitted: the stream's opening comment came (then it is let go)
                    .onErrorResume(WebClientResponseException.class,
                            e -> Mono.just(e.getStatusCode().value()));
            List<Disposable> held = new ArrayList<>();
            Consumer<String> hold = address -> {
                CountDownLatch opened = new CountDownLatch(1);
                held.add(client.get().uri("/api/v1/organizations/{id}/events", organization).header("X-Forwarded-For", address)
                        .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                        .doOnNext(event -> opened.countDown())
                        .subscribe(line -> { }, e -> { }));
                try {
                    assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
            try {
                hold.accept("203.0.113.1");
                hold.accept("203.0.113.1");
                assertThat(statusFrom.apply("203.0.113.1").block(Duration.ofSeconds(10))).isEqualTo(429);
                hold.accept("203.0.113.2");
                assertThat(statusFrom.apply("203.0.113.3").block(Duration.ofSeconds(10))).isEqualTo(503);
                // A stream that ends gives its place back.
                held.remove(0).dispose();
                Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(statusFrom.apply("203.0.113.3").block(Duration.ofSeconds(10))).isEqualTo(200));
            } finally {
                held.forEach(Disposable::dispose);
            }
        }
    }

    @Test
    void liveEventsSurviveARedisRestart() {
        Assumptions.assumeThat(TestServers.EXTERNAL).isFalse();
        long organization = organizationWithCitizens(20);
        EmbeddedServers servers = EmbeddedServers.current();
        servers.stopRedis();
        servers.startRedis();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                web.get().uri("/readyz").exchange().expectStatus().isOk());

        try (SecondInstance second = new SecondInstance(environment)) {
            List<WebTestClient> citizens = RatingTestSupport.sessions(second.web, 1, 20);
            // The first instance's subscription died with Redis; it is renewed after RedisChannels.SILENCE without a
            // message (plus a short back-off). Until then a rating may go unseen: each try is a new citizen.
            AtomicInteger next = new AtomicInteger();
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    StepVerifier.create(liveStream(organization).take(2))
                            .assertNext(LiveEventsTest::opening)
                            .then(() -> rate(citizens.get(next.getAndIncrement()), organization))
                            .assertNext(event -> assertThat(event.data()).containsEntry("organizationId", (int) organization))
                            .expectComplete()
                            .verify(Duration.ofSeconds(3)));
        }
    }

    /** The Minsk catalogue with {@code citizens} confirmed citizens; answers an organisation to rate. */
    private long organizationWithCitizens(int citizens) {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        long organization = db.sql("SELECT id FROM organization ORDER BY id LIMIT 1").map(r -> r.get("id", Long.class)).one().block();
        rebuilder.rebuild().block(Duration.ofSeconds(30));
        RatingTestSupport.citizens(db, 1, citizens);
        return organization;
    }

    /**
     * One organisation's live stream on the first instance: its opening comment, then the rating events. The server
     * joins the organisation's audience as it sends the opening, so a rating sent after it is seen.
     */
    private Flux<ServerSentEvent<Map<String, Object>>> liveStream(long organization) {
        return TestClients.webClient("http://localhost:" + context.getWebServer().getPort())
                .get().uri("/api/v1/organizations/{id}/events", organization).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .filter(event -> "rating".equals(event.event()) || "live".equals(event.comment()));
    }

    private static void opening(ServerSentEvent<Map<String, Object>> event) {
        assertThat(event.comment()).isEqualTo("live");
    }

    private static void rate(WebTestClient citizen, long organization) {
        long started = System.nanoTime();
        citizen.post().uri("/api/v1/organizations/" + organization + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isCreated();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }
}

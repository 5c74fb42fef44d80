package by.ocenka.rating;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.SecondInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** A subscriber on one instance sees, within a second, a rating submitted through another. */
class LiveEventsTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;
    @Autowired
    AggregateRebuilder rebuilder;
    @Autowired
    Environment environment;
    @Autowired
    org.springframework.boot.web.server.context.WebServerApplicationContext context;

    @Test
    void liveEventsSurviveARedisRestart() {
        org.assertj.core.api.Assumptions.assumeThat(by.ocenka.support.TestServers.EXTERNAL).isFalse();
        by.ocenka.platform.embedded.EmbeddedServers servers = by.ocenka.platform.embedded.EmbeddedServers.current();
        servers.stopRedis();
        servers.startRedis();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
        // A silent subscription is noticed within LiveEvents.SILENCE and renewed.
        org.awaitility.Awaitility.await().pollDelay(LiveEvents.SILENCE.plusSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> true);
        aRatingThroughOneInstanceReachesASubscriberOfAnother();
    }

    @Test
    void aRatingThroughOneInstanceReachesASubscriberOfAnother() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        long organization = db.sql("SELECT id FROM organization ORDER BY id LIMIT 1").map(r -> r.get("id", Long.class)).one().block();
        long elsewhere = organization + 1;
        rebuilder.rebuild().block(Duration.ofSeconds(30));
        RatingTestSupport.citizens(db, 1, 2);

        try (SecondInstance second = new SecondInstance(environment)) {
            WebTestClient secondWeb = second.web;
            List<WebTestClient> citizens = RatingTestSupport.sessions(secondWeb, 1, 2);

            Flux<ServerSentEvent<Map<String, Object>>> stream = WebClient.create("http://localhost:" + context.getWebServer().getPort())
                    .get().uri("/api/v1/organizations/{id}/events", organization).accept(MediaType.TEXT_EVENT_STREAM)
                    .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                    .filter(event -> "rating".equals(event.event()));

            StepVerifier.create(stream.take(1))
                    .thenAwait(Duration.ofMillis(500)) // subscribed on the first instance
                    .then(() -> {
                        // A rating of another organisation must not show up on this stream.
                        rate(citizens.get(0), elsewhere);
                        rate(citizens.get(1), organization);
                    })
                    .assertNext(event -> {
                        assertThat(event.id()).isNotBlank();
                        assertThat(event.data()).containsEntry("organizationId", (int) organization)
                                .containsEntry("ratingsCount", 1).containsEntry("score", 5.0)
                                .containsEntry("questionnaireMean", 5.0).containsKey("at");
                    })
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
        }
    }

    private static void rate(WebTestClient citizen, long organization) {
        long started = System.nanoTime();
        citizen.post().uri("/api/v1/organizations/" + organization + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isCreated();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }
}

package by.ocenka.platform;

import java.time.Duration;

import by.ocenka.support.IntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * A stream bound to its session (the cabinet's feed) ends when the session changes, and in any case after its lifetime:
 * the client reconnects and is judged afresh. A public stream is not bound.
 */
class LiveStreamsTest extends IntegrationTest {

    @Autowired
    UserSessions sessions;

    private MockServerWebExchange request(String session) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/cabinet/organizations/1/stream")
                .cookie(new HttpCookie("SESSION", session)));
    }

    @Test
    void aSessionBoundStreamEndsAfterItsLifetimeOrWhenItsSessionChanges() {
        LiveStreams streams = new LiveStreams(20, 100, Duration.ofMillis(600), new SimpleMeterRegistry(), sessions);
        StepVerifier.create(streams.openWhileSessionHolds(request("lifetime-" + System.nanoTime()),
                        () -> Flux.interval(Duration.ofMillis(100))))
                .expectNextCount(3).thenConsumeWhile(tick -> true).expectComplete().verify(Duration.ofSeconds(10));

        LiveStreams longLived = new LiveStreams(20, 100, Duration.ofMinutes(10), new SimpleMeterRegistry(), sessions);
        String session = "changed-" + System.nanoTime();
        // The change is announced over and over: the stream's subscription to the announcements may take a moment.
        Disposable announcing = Flux.interval(Duration.ofMillis(200)).concatMap(i -> sessions.changed(session)).subscribe();
        try {
            StepVerifier.create(longLived.openWhileSessionHolds(request(session), () -> Flux.interval(Duration.ofMillis(100))))
                    .thenConsumeWhile(tick -> true).expectComplete().verify(Duration.ofSeconds(10));
        } finally {
            announcing.dispose();
        }

        StepVerifier.create(streams.open(request("public"), () -> Flux.interval(Duration.ofMillis(100))).take(10))
                .expectNextCount(10).expectComplete().verify(Duration.ofSeconds(10));
    }
}

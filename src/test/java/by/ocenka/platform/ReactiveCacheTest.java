package by.ocenka.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** After a quiet spell a reader gets the previous value at once while the cache reloads it in the background. */
class ReactiveCacheTest {

    @Test
    void anOldEntryIsServedWhileItIsReloadedInTheBackground() throws InterruptedException {
        AtomicInteger loads = new AtomicInteger();
        ReactiveCache<String, Integer> cache = new ReactiveCaches(new SimpleMeterRegistry()).create("test.figures",
                new ReactiveCaches.Spec(Duration.ofMillis(100), Duration.ofMinutes(1), 10),
                key -> Mono.delay(Duration.ofMillis(300)).map(tick -> loads.incrementAndGet()));

        assertThat(cache.get("country").block()).as("the first reader waits for the load").isEqualTo(1);
        Thread.sleep(200); // older than its refresh interval: a quiet spell

        assertThat(cache.get("country").block()).as("the reader after the quiet spell gets the previous value")
                .isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> Integer.valueOf(2).equals(cache.get("country").block()));
        assertThat(loads).hasValue(2);
    }

    @Test
    void concurrentReadersOfAMissingKeyShareOneLoadAndAFailedLoadIsNotKept() {
        AtomicInteger loads = new AtomicInteger();
        ReactiveCache<String, Integer> cache = new ReactiveCaches(new SimpleMeterRegistry()).create("test.failing",
                new ReactiveCaches.Spec(Duration.ofMinutes(1), Duration.ofMinutes(1), 10),
                key -> Mono.delay(Duration.ofMillis(100)).flatMap(tick -> loads.incrementAndGet() == 1
                        ? Mono.<Integer>error(new IllegalStateException("database away")) : Mono.just(loads.get())));

        Mono<Integer> first = cache.get("k");
        Mono<Integer> second = cache.get("k");
        assertThat(Mono.zip(first.onErrorReturn(-1), second.onErrorReturn(-1)).block().toList())
                .as("both readers get the one failed load").containsExactly(-1, -1);
        // Caffeine drops the failed entry as the load completes: the next reader loads again.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cache.get("k").onErrorReturn(-1).block() == 2);
        assertThat(loads).as("one failed load shared by both readers, then one good load").hasValue(2);
    }
}

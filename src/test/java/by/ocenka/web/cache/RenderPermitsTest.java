package by.ocenka.web.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/** First renders take turns: never more at once than the bound, in the order they came, none lost when one is dropped. */
class RenderPermitsTest {

    private final RenderPermits permits = new RenderPermits(2);
    private final List<String> started = new ArrayList<>();

    private Mono<String> render(String name, Sinks.One<String> done) {
        return permits.run(Mono.defer(() -> {
            started.add(name);
            return done.asMono();
        }));
    }

    @Test
    void moreThanTheBoundWaitAndStartInTheOrderTheyCame() {
        List<Sinks.One<String>> done = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            done.add(Sinks.one());
            render("page " + i, done.get(i)).subscribe(answered::add);
        }
        assertThat(started).containsExactly("page 0", "page 1");
        assertThat(permits.waiting()).isEqualTo(3);

        done.get(1).tryEmitValue("1");
        assertThat(started).containsExactly("page 0", "page 1", "page 2");
        done.get(0).tryEmitError(new IllegalStateException("a failed render frees its permit too"));
        assertThat(started).containsExactly("page 0", "page 1", "page 2", "page 3");
        done.get(2).tryEmitValue("2");
        done.get(3).tryEmitValue("3");
        done.get(4).tryEmitValue("4");
        assertThat(started).hasSize(5);
        assertThat(answered).containsExactly("1", "2", "3", "4");
        assertThat(permits.running()).isZero();
        assertThat(permits.waiting()).isZero();
    }

    @Test
    void aRenderGivenUpWhileWaitingLeavesTheQueueAndOneGivenUpWhileRunningFreesItsPermit() {
        Sinks.One<String> first = Sinks.one();
        Sinks.One<String> second = Sinks.one();
        Sinks.One<String> third = Sinks.one();
        Sinks.One<String> fourth = Sinks.one();
        Disposable running = render("first", first).subscribe();
        render("second", second).subscribe();
        Disposable waiting = render("third", third).subscribe();
        render("fourth", fourth).subscribe();

        waiting.dispose(); // its client went away before its turn
        assertThat(permits.waiting()).isEqualTo(1);
        running.dispose(); // its client went away mid-render
        assertThat(started).containsExactly("first", "second", "fourth");
        second.tryEmitValue("2");
        fourth.tryEmitValue("4");
        assertThat(permits.running()).isZero();
    }

    /**
     * Renders ending, failing and given up at any moment, from many threads at once (clients going away while they
     * wait, just as they are let in, or mid-render): afterwards no permit is held and nobody waits, and never were
     * more renders running than the bound.
     */
    @Test
    void noPermitIsLostOrGivenTwiceHoweverRendersEnd() throws InterruptedException {
        RenderPermits bounded = new RenderPermits(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch finished = new CountDownLatch(4_000);
        for (int i = 0; i < 4_000; i++) {
            int n = i;
            threads.execute(() -> {
                try {
                    Mono<Integer> work = Mono.fromCallable(() -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        return n;
                    }).doOnTerminate(inside::decrementAndGet).doOnCancel(inside::decrementAndGet);
                    Mono<Integer> render = n % 7 == 0 ? work.then(Mono.error(new IllegalStateException("failed")))
                            : n % 3 == 0 ? work.delayElement(Duration.ofMillis(1)) : work;
                    Disposable subscription = bounded.run(render).subscribe(null, e -> { });
                    if (n % 5 == 0) {
                        subscription.dispose(); // the client goes away at some moment of the render's life
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();
        threads.shutdown();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(bounded.running()).as("permits held at the end").isZero());
        assertThat(bounded.waiting()).isZero();
        assertThat(most.get()).as("renders at once").isLessThanOrEqualTo(3);
    }

    @Test
    void atLeastOneRendersOnAOneCoreMachine() {
        RenderPermits one = new RenderPermits(0);
        assertThat(one.run(Mono.just("page")).block()).isEqualTo("page");
    }
}

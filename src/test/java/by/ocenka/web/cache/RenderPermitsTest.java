package by.ocenka.web.cache;

import java.util.ArrayList;
import java.util.List;

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

    @Test
    void atLeastOneRendersOnAOneCoreMachine() {
        RenderPermits one = new RenderPermits(0);
        assertThat(one.run(Mono.just("page")).block()).isEqualTo("page");
    }
}

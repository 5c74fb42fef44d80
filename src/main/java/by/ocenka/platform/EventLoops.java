package by.ocenka.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Brings a Redis answer back to the event loop that asked for it. Every Redis reply arrives on the one thread of
 * the shared Lettuce connection, and whatever the request does next (rendering a page, writing JSON) would run there
 * too: measured, that thread was saturated at 3,000 logged-in pages a second while the HTTP event loops idled.
 * Called on an HTTP event loop, {@link #back} continues there; called anywhere else, it changes nothing.
 */
public final class EventLoops {

    private static final Map<EventExecutor, Scheduler> SCHEDULERS = new ConcurrentHashMap<>();

    private EventLoops() {
    }

    public static <T> Mono<T> back(Mono<T> source) {
        return Mono.defer(() -> {
            EventExecutor loop = ThreadExecutorMap.currentExecutor();
            return loop == null ? source : source.publishOn(scheduler(loop));
        });
    }

    public static <T> Flux<T> back(Flux<T> source) {
        return Flux.defer(() -> {
            EventExecutor loop = ThreadExecutorMap.currentExecutor();
            return loop == null ? source : source.publishOn(scheduler(loop));
        });
    }

    private static Scheduler scheduler(EventExecutor loop) {
        return SCHEDULERS.computeIfAbsent(loop, Schedulers::fromExecutor);
    }
}

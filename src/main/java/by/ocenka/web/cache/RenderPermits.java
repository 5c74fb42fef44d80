package by.ocenka.web.cache;

import java.util.ArrayDeque;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A bound on how many first renders run at once in this instance; the rest wait their turn, first come first served.
 * A first render costs milliseconds of queries and template work on the same cores that send kept pages in
 * microseconds: left unbounded, a burst of pages nobody opened since the start (QR codes of a thousand desks in the
 * morning) takes every core, and the kept answers queue behind it. A waiting render holds no thread; one given up
 * (its client gone) leaves the queue, and a permit it was handed goes on to the next.
 */
final class RenderPermits {

    private final int limit;
    private final ArrayDeque<MonoSink<Void>> waiting = new ArrayDeque<>();
    private int running;

    RenderPermits(int limit) {
        this.limit = Math.max(1, limit);
    }

    /** Runs {@code work} once a permit is free, and frees it when the work ends, fails or is cancelled. */
    <T> Mono<T> run(Mono<T> work) {
        return Mono.<Void>create(this::acquire).then(Mono.defer(() -> work.doFinally(signal -> release())));
    }

    private void acquire(MonoSink<Void> sink) {
        boolean now;
        synchronized (this) {
            now = running < limit;
            if (now) {
                running++;
            } else {
                waiting.add(sink);
            }
        }
        if (now) {
            sink.success();
            return;
        }
        sink.onCancel(() -> {
            boolean stillWaiting;
            synchronized (this) {
                stillWaiting = waiting.remove(sink);
            }
            if (!stillWaiting) {
                release(); // handed a permit just as it was given up: on to the next
            }
        });
    }

    private void release() {
        MonoSink<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.success(); // the permit passes on as it is
        }
    }

    /** Renders running now (for tests and metrics). */
    synchronized int running() {
        return running;
    }

    /** Renders waiting for a permit. */
    synchronized int waiting() {
        return waiting.size();
    }
}

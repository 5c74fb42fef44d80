package by.ocenka.web.cache;

import java.util.ArrayDeque;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A bound on how many first renders run at once in this instance; the rest wait their turn, first come first served.
 * A first render costs milliseconds of queries and template work on the same cores and database connections that send
 * kept pages in microseconds: left unbounded, a burst of pages nobody opened since the start (QR codes of a thousand
 * desks in the morning) takes them all, and the kept answers queue behind it. A waiting render holds no thread.
 * <p>
 * Each render holds a ticket whose state changes only under this object's lock: waiting, then holding a permit, then
 * done. Whatever ends the render (its end, an error, its client going away while it waits or just as it is let in),
 * the ticket is done once, and a permit it held goes on to the next waiting ticket: none is lost, none is given twice.
 */
final class RenderPermits {

    private final int limit;
    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    private int running;

    RenderPermits(int limit) {
        this.limit = Math.max(1, limit);
    }

    /** Runs {@code work} once a permit is free, and frees it when the work ends, fails or is cancelled. */
    <T> Mono<T> run(Mono<T> work) {
        return Mono.defer(() -> {
            Ticket ticket = new Ticket();
            return Mono.<Void>create(ticket::take).then(work).doFinally(signal -> done(ticket));
        });
    }

    /** A render's place: waiting for a permit (with the sink to wake it), holding one, or done. */
    private final class Ticket {

        private MonoSink<Void> sink;
        private boolean holding;
        private boolean done;

        private void take(MonoSink<Void> wake) {
            boolean now;
            synchronized (RenderPermits.this) {
                if (done) {
                    return; // given up before it was even asked for
                }
                now = running < limit;
                if (now) {
                    running++;
                    holding = true;
                } else {
                    sink = wake;
                    waiting.add(this);
                }
            }
            if (now) {
                wake.success();
            }
        }
    }

    private void done(Ticket ticket) {
        Ticket next;
        synchronized (this) {
            if (ticket.done) {
                return;
            }
            ticket.done = true;
            if (!ticket.holding) {
                waiting.remove(ticket); // it was still waiting: nothing to give back
                return;
            }
            next = waiting.poll();
            if (next == null) {
                running--;
            } else {
                next.holding = true; // the permit passes on as it is
            }
        }
        if (next != null) {
            next.sink.success();
        }
    }

    /** Renders holding a permit now (for tests and metrics). */
    synchronized int running() {
        return running;
    }

    /** Renders waiting for a permit. */
    synchronized int waiting() {
        return waiting.size();
    }
}

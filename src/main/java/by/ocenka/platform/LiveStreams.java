package by.ocenka.platform;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;

/**
 * A cap on open live streams (server-sent events), so that nobody can hold an instance's connections: at most
 * {@code ocenka.live.max-streams-per-address} per client address (429 beyond) and {@code ocenka.live.max-streams} on
 * the instance (503 beyond, another instance may have room); a stream's place is given back when it ends, however it
 * ends. Counted per instance: a balancer spreading one address over several instances multiplies the first cap.
 */
@Component
public class LiveStreams {

    private final int perAddress;
    private final int perInstance;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final Duration sessionLifetime;
    private final UserSessions sessions;

    LiveStreams(@Value("${ocenka.live.max-streams-per-address:20}") int perAddress,
                @Value("${ocenka.live.max-streams:20000}") int perInstance,
                @Value("${ocenka.live.session-stream-lifetime:10m}") Duration sessionLifetime, MeterRegistry meters,
                UserSessions sessions) {
        this.sessionLifetime = sessionLifetime;
        this.sessions = sessions;
        this.perAddress = perAddress;
        this.perInstance = perInstance;
        Gauge.builder("ocenka.live.streams", open, AtomicInteger::get)
                .description("Live event streams open on this instance").register(meters);
    }

    /** The stream, counted while it is open; or a 429 / 503 problem when a cap is reached. */
    public <T> Flux<T> open(ServerWebExchange exchange, Supplier<Flux<T>> stream) {
        return Flux.defer(() -> {
            String address = ClientAddress.client(exchange);
            if (open.incrementAndGet() > perInstance) {
                open.decrementAndGet();
                return Flux.error(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "too-many-streams")
                        .header("Retry-After", "30"));
            }
            AtomicInteger mine = byAddress.computeIfAbsent(address, a -> new AtomicInteger());
            if (mine.incrementAndGet() > perAddress) {
                release(address, mine);
                return Flux.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams-address")
                        .header("Retry-After", "30"));
            }
            return stream.get().doFinally(signal -> release(address, mine));
        });
    }

    /**
     * A stream that shows what its session's rights allow (the cabinet's feed): as {@link #open}, and it ends the moment
     * its session changes or ends on any instance (a role taken away, sessions ended, a logout), and in any case after
     * {@code ocenka.live.session-stream-lifetime} (10 minutes): a session that merely timed out, or a change missed
     * while Redis was away, holds it no longer. The client then reconnects (an event stream does so by itself, from
     * its last event) and the security chain and the handler decide afresh with whatever rights the session has left.
     */
    public <T> Flux<T> openWhileSessionHolds(ServerWebExchange exchange, Supplier<Flux<T>> stream) {
        String session = Sessions.id(exchange);
        return open(exchange, () -> {
            Flux<T> bounded = stream.get().take(sessionLifetime);
            return session == null ? bounded : bounded.takeUntilOther(sessions.changes().filter(session::equals));
        });
    }

    private void release(String address, AtomicInteger mine) {
        open.decrementAndGet();
        if (mine.decrementAndGet() <= 0) {
            byAddress.remove(address, mine);
        }
    }
}

package by.ocenka.rating.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import by.ocenka.platform.RedisChannels;
import by.ocenka.rating.RatingRecords;
import by.ocenka.rating.RatingRecords.FiguresHeard;
import by.ocenka.rating.RatingRecords.RatingEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live scores: one Redis subscription per instance to the channel every instance's aggregate script publishes on,
 * fanned out in memory to the SSE subscribers of each organisation. A subscriber that cannot keep up (its buffer
 * of 256 events fills) is disconnected; the others never wait for it. A comment line every 15 s keeps proxies from
 * closing idle streams.
 */
@Component
public class LiveEvents {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final RedisChannels channels;
    /**
     * One sink per organisation that has subscribers on this instance: an event goes to its organisation's
     * subscribers only, instead of every subscriber looking at every event (10,000 subscribers × 1,000 events/s).
     */
    private final ConcurrentHashMap<Long, Audience> audiences = new ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();

    /**
     * Ratings of one organisation within this long reach its public stream as one update (the latest figures): the
     * stream never tells apart ratings that came together, and carries only the page's own rounded figures.
     */
    static final Duration COALESCE = Duration.ofSeconds(2);

    /** The subscribers of one organisation: their sink, its updates coalesced for all of them, how many they are. */
    private static final class Audience {
        final Sinks.Many<RatingEvent> sink = Sinks.many().multicast().directBestEffort();
        /** The latest figures, COALESCE after the first rating of each burst (a quiet organisation costs no timer). */
        final Flux<RatingEvent> updates = sink.asFlux().bufferTimeout(Integer.MAX_VALUE, COALESCE)
                .map(burst -> burst.get(burst.size() - 1)).share();
        int count;
    }
    /** Every event heard, for the cabinet's subtree streams (they filter one shared batch stream, not per unit). */
    private final Sinks.Many<RatingEvent> everything = Sinks.many().multicast().directBestEffort();
    private Disposable subscription;

    private final ApplicationEventPublisher changes;

    LiveEvents(RedisChannels channels, MeterRegistry meters, ApplicationEventPublisher changes) {
        this.channels = channels;
        this.changes = changes;
        Gauge.builder("ocenka.sse.subscribers", subscribers, AtomicInteger::get)
                .description("Open live event streams on this instance").register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void subscribe() {
        subscription = channels.listen(RatingKeys.CHANNEL, "Live events", message -> {
            RatingEvent event = parse(message);
            if (event != null) {
                deliver(event);
            }
        });
    }

    private void deliver(RatingEvent event) {
        // Every instance hears every event: what each keeps of this organisation is now out of date.
        changes.publishEvent(new FiguresHeard(event.organizationId()));
        everything.tryEmitNext(event);
        Audience audience = audiences.get(event.organizationId());
        if (audience != null) {
            // One thread (the subscription) emits; a subscriber that cannot keep up fails alone, below.
            audience.sink.tryEmitNext(event);
        }
    }

    /**
     * The live stream of one organisation. It opens with a comment, so that the client sees the stream at once
     * rather than at the first event or heartbeat.
     */
    public Flux<ServerSentEvent<RatingRecords.LiveFigures>> stream(long organizationId) {
        AtomicBoolean joined = new AtomicBoolean();
        Flux<ServerSentEvent<RatingRecords.LiveFigures>> ratings = Flux.defer(() -> {
                    joined.set(true);
                    return join(organizationId);
                })
                .onBackpressureBuffer(256, dropped -> { }, BufferOverflowStrategy.ERROR)
                .map(e -> ServerSentEvent.builder(RatingRecords.LiveFigures.of(e)).id(String.valueOf(e.id())).event("rating").build());
        Flux<ServerSentEvent<RatingRecords.LiveFigures>> heartbeats = Flux.interval(HEARTBEAT)
                .map(tick -> ServerSentEvent.<RatingRecords.LiveFigures>builder().comment("heartbeat").build());
        return Flux.merge(ratings, heartbeats)
                .startWith(ServerSentEvent.<RatingRecords.LiveFigures>builder().comment("live").build())
                .doOnSubscribe(s -> subscribers.incrementAndGet())
                .doFinally(signal -> {
                    subscribers.decrementAndGet();
                    if (joined.get()) {
                        leave(organizationId);
                    }
                })
                .onErrorResume(e -> Flux.empty());
    }

    /** Every accepted questionnaire's event, whichever instance took it (nothing is kept for late subscribers). */
    public Flux<RatingEvent> everything() {
        return everything.asFlux();
    }

    private Flux<RatingEvent> join(long organizationId) {
        return audiences.compute(organizationId, (id, audience) -> {
            Audience joined = audience != null ? audience : new Audience();
            joined.count++;
            return joined;
        }).updates;
    }

    private void leave(long organizationId) {
        audiences.computeIfPresent(organizationId, (id, audience) -> --audience.count == 0 ? null : audience);
    }

    int subscribers() {
        return subscribers.get();
    }

    /** The event in a message, or null (logged, skipped) for a message this version cannot read. */
    private static RatingEvent parse(String json) {
        try {
            return read(json);
        } catch (RuntimeException e) {
            log.warn("Live events: skipped an unreadable message ({})", e.toString());
            return null;
        }
    }

    private static RatingEvent read(String json) {
        Map<String, Object> m = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        long n = ((Number) m.get("n")).longValue();
        long sum = ((Number) m.get("sum")).longValue();
        long sat = ((Number) m.get("sat")).longValue();
        return new RatingEvent(((Number) m.get("id")).longValue(), ((Number) m.get("o")).longValue(),
                Figures.score(n, sum), n, Figures.satisfaction(n, sat), Double.parseDouble(String.valueOf(m.get("mean"))),
                String.valueOf(m.get("at")), m.get("q") instanceof Number q ? q.longValue() : 0);
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            subscription.dispose();
        }
    }
}

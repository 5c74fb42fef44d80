package by.ocenka.rating.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import by.ocenka.rating.RatingRecords;
import by.ocenka.rating.RatingRecords.RatingEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;
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
    /** Each instance pings the channel this often; a subscription that hears nothing for SILENCE is renewed. */
    static final Duration PING = Duration.ofSeconds(2);
    static final Duration SILENCE = Duration.ofSeconds(6);
    private static final String PING_MESSAGE = "ping";

    private final ReactiveRedisConnectionFactory redis;
    private final org.springframework.data.redis.core.ReactiveStringRedisTemplate publisher;
    private Disposable pings;
    /**
     * One sink per organisation that has subscribers on this instance: an event goes to its organisation's
     * subscribers only, instead of every subscriber looking at every event (10,000 subscribers × 1,000 events/s).
     */
    private final java.util.concurrent.ConcurrentHashMap<Long, Audience> audiences = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();

    /** The subscribers of one organisation: their sink and how many they are. */
    private static final class Audience {
        final Sinks.Many<RatingEvent> sink = Sinks.many().multicast().directBestEffort();
        int count;
    }
    /** Every event heard, for the cabinet's subtree streams (they filter one shared batch stream, not per unit). */
    private final Sinks.Many<RatingEvent> everything = Sinks.many().multicast().directBestEffort();
    private ReactiveRedisMessageListenerContainer container;
    private Disposable subscription;

    private final org.springframework.context.ApplicationEventPublisher changes;

    LiveEvents(ReactiveRedisConnectionFactory redis, org.springframework.data.redis.core.ReactiveStringRedisTemplate publisher,
               MeterRegistry meters, org.springframework.context.ApplicationEventPublisher changes) {
        this.redis = redis;
        this.publisher = publisher;
        this.changes = changes;
        Gauge.builder("ocenka.sse.subscribers", subscribers, AtomicInteger::get)
                .description("Open live event streams on this instance").register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void subscribe() {
        // A subscription can die silently when Redis restarts: every instance pings the channel, and a subscriber
        // that hears nothing (not even its own pings) for a while starts over.
        pings = Flux.interval(PING).concatMap(tick -> publisher.convertAndSend(RatingKeys.CHANNEL, PING_MESSAGE)
                .onErrorResume(e -> reactor.core.publisher.Mono.empty())).subscribe();
        subscription = Flux.defer(this::receive)
                // Opening the subscriber connection waits for the connect: not on an event loop.
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                .timeout(SILENCE)
                // Redis restarts: a new container (the old one's connection is gone), again and again, with a short
                // back-off; a stream that merely ends is started again too.
                // The back-off starts again at 200 ms once a subscription has heard something (transient errors).
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2))
                        .transientErrors(true)
                        .doBeforeRetry(signal -> {
                            if (signal.totalRetriesInARow() == 0) {
                                log.info("Live events: renewing the Redis subscription ({})", signal.failure().toString());
                            }
                        }))
                .repeat()
                .filter(message -> !PING_MESSAGE.equals(message.getMessage()))
                .mapNotNull(message -> parse(message.getMessage()))
                .subscribe(this::deliver, e -> log.warn("Live events stopped: {}", e.toString()));
    }

    private Flux<org.springframework.data.redis.connection.ReactiveSubscription.Message<String, String>> receive() {
        ReactiveRedisMessageListenerContainer previous = container;
        if (previous != null) {
            previous.destroyLater().subscribe(null, e -> { });
        }
        container = new ReactiveRedisMessageListenerContainer(redis);
        log.debug("Subscribing to live rating events");
        return container.receive(ChannelTopic.of(RatingKeys.CHANNEL));
    }

    private void deliver(RatingEvent event) {
        // Every instance hears every event: what each keeps of this organisation is now out of date.
        changes.publishEvent(new by.ocenka.rating.RatingRecords.OrganizationRated(event.organizationId(), false));
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
        java.util.concurrent.atomic.AtomicBoolean joined = new java.util.concurrent.atomic.AtomicBoolean();
        Flux<ServerSentEvent<RatingRecords.LiveFigures>> ratings = Flux.defer(() -> {
                    joined.set(true);
                    return join(organizationId).asFlux();
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

    private Sinks.Many<RatingEvent> join(long organizationId) {
        return audiences.compute(organizationId, (id, audience) -> {
            Audience joined = audience != null ? audience : new Audience();
            joined.count++;
            return joined;
        }).sink;
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
        if (pings != null) {
            pings.dispose();
        }
        if (subscription != null) {
            subscription.dispose();
        }
        if (container != null) {
            container.destroyLater().subscribe();
        }
    }
}

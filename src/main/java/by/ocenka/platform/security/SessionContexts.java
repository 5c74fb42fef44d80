package by.ocenka.platform.security;

import java.time.Duration;
import java.time.Instant;

import by.ocenka.platform.LocalCache;
import by.ocenka.platform.RedisChannels;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Who a session belongs to, kept in memory for a few seconds: a logged-in request then needs no Redis round trip
 * (and no Java deserialisation) to know its user. A session that changes or ends anywhere is dropped from every
 * instance's memory at once (a message on {@code ocenka:sessions}), and at the latest after {@link #TTL}.
 */
@Component
class SessionContexts implements LocalCache {

    private static final Logger log = LoggerFactory.getLogger(SessionContexts.class);
    static final Duration TTL = Duration.ofSeconds(10);
    static final String CHANNEL = "ocenka:sessions";

    /** A session's security context, when this instance last wrote its access time to Redis, when it began. */
    record Known(SecurityContext context, Instant touched, Instant created) {
    }

    private final Cache<String, Known> known;
    private final ReactiveStringRedisTemplate redis;
    private final RedisChannels channels;
    private Disposable subscription;
    /** Sessions changed or ended, here or heard from another instance, for whoever holds one open (live streams). */
    private final Sinks.Many<String> changes =
            Sinks.many().multicast().directBestEffort();

    SessionContexts(ReactiveStringRedisTemplate redis, RedisChannels channels, MeterRegistry meters) {
        this.redis = redis;
        this.channels = channels;
        this.known = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(200_000).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, known, "security.session-contexts");
    }

    Known get(String sessionId) {
        return known.getIfPresent(sessionId);
    }

    void put(String sessionId, SecurityContext context, Instant touched, Instant created) {
        known.put(sessionId, new Known(context, touched, created));
    }

    /** The session changed or ended: every instance forgets what it knew of it. */
    Mono<Void> changed(String sessionId) {
        known.invalidate(sessionId);
        return redis.convertAndSend(CHANNEL, sessionId).onErrorResume(e -> Mono.empty()).then();
    }

    /** The ids of sessions that change or end from now on, on any instance (each instance hears its own message too). */
    Flux<String> changes() {
        return changes.asFlux();
    }

    @EventListener(ApplicationReadyEvent.class)
    void listen() {
        subscription = channels.listen(CHANNEL, "Session changes", sessionId -> {
            known.invalidate(sessionId);
            changes.tryEmitNext(sessionId);
        });
    }

    /** Forgets everything (tests). */
    @Override
    public void clear() {
        known.invalidateAll();
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            subscription.dispose();
        }
    }
}

package by.ocenka.rating.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import by.ocenka.platform.EventLoops;
import by.ocenka.platform.Minsk;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One questionnaire per citizen, organisation and Minsk day: a Redis key set only if absent, expiring at the next
 * Minsk midnight ({@link RatingKeys#dailyLimit}). The unique key in PostgreSQL backs it when Redis has forgotten.
 */
@Component
public class DailyLimit {

    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;

    DailyLimit(ReactiveStringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public LocalDate today() {
        return Minsk.today(clock);
    }

    /** When rating is allowed again: the next Minsk midnight. */
    public OffsetDateTime nextMidnight() {
        return Minsk.nextMidnight(clock);
    }

    /** How long the day's key taken now ({@link Admission}) lives: until the next Minsk midnight, at least a second. */
    Duration lifetime(LocalDate day) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(Minsk.ZONE));
        Duration untilMidnight = Duration.between(now, day.plusDays(1).atStartOfDay(Minsk.ZONE));
        return untilMidnight.isNegative() || untilMidnight.isZero() ? Duration.ofSeconds(1) : untilMidnight;
    }

    /** Whether this citizen has already rated this organisation today (as far as Redis knows). */
    public Mono<Boolean> taken(long userId, long organizationId) {
        return EventLoops.back(redis.hasKey(RatingKeys.dailyLimit(userId, organizationId, today())));
    }

    /** Gives the day back: the questionnaire was not stored. */
    public Mono<Void> release(long userId, long organizationId, LocalDate day) {
        return EventLoops.back(redis.delete(RatingKeys.dailyLimit(userId, organizationId, day)).then());
    }
}

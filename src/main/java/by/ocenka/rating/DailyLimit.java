package by.ocenka.rating;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One questionnaire per citizen, organisation and Minsk day: a Redis key set only if absent, expiring at the next
 * Minsk midnight ({@code limit:{org}:user:day}, hash-tagged by organisation). The unique key in PostgreSQL backs it
 * when Redis has forgotten.
 */
@Component
class DailyLimit {

    static final ZoneId MINSK = ZoneId.of("Europe/Minsk");

    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;

    DailyLimit(ReactiveStringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(MINSK));
    }

    /** When rating is allowed again: the next Minsk midnight. */
    OffsetDateTime nextMidnight() {
        return today().plusDays(1).atStartOfDay(MINSK).toOffsetDateTime();
    }

    /** True when this citizen had not yet rated this organisation today (and now has the day's key). */
    Mono<Boolean> take(long userId, long organizationId, LocalDate day) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(MINSK));
        Duration untilMidnight = Duration.between(now, day.plusDays(1).atStartOfDay(MINSK));
        return redis.opsForValue().setIfAbsent(key(userId, organizationId, day), "1",
                untilMidnight.isNegative() || untilMidnight.isZero() ? Duration.ofSeconds(1) : untilMidnight);
    }

    /** Whether this citizen has already rated this organisation today (as far as Redis knows). */
    Mono<Boolean> taken(long userId, long organizationId) {
        return redis.hasKey(key(userId, organizationId, today()));
    }

    /** Gives the day back: the questionnaire was not stored. */
    Mono<Void> release(long userId, long organizationId, LocalDate day) {
        return redis.delete(key(userId, organizationId, day)).then();
    }

    static String key(long userId, long organizationId, LocalDate day) {
        return "limit:{" + organizationId + "}:" + userId + ":" + day.toString().replace("-", "");
    }
}

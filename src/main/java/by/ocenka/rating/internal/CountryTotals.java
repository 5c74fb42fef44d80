package by.ocenka.rating.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import by.ocenka.platform.LuaScript;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The country's totals ({@code agg:global}) written behind the ratings, coalesced: the questionnaires of a few
 * milliseconds go out as one increment, so a rating's request makes no round trip for them. They serve one purpose,
 * {@code m}, the country's mean that the re-rank stores and the fair order scores every organisation against; this
 * instance keeps the latest {@code m} it read (at start, and with every write) and a rating uses that copy, as it
 * used the value its own round trip returned before. The counters an answer shows are the organisation's, applied
 * before the answer as ever; a write lost here (Redis failing, the instance killed within the delay) moves {@code m}
 * by a few questionnaires in hundreds of thousands until the reconciler finds the totals differ from PostgreSQL's and
 * writes them afresh ({@link AggregateDrift#checkCountry}).
 */
@Component
class CountryTotals {

    /** How long the first change waits for others to join it. */
    static final Duration DELAY = Duration.ofMillis(5);
    /** How often the mean is read while no rating arrives. */
    static final Duration REFRESH = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(CountryTotals.class);

    /** The country's part of applying questionnaires, with their summed deltas; answers m as of the last re-rank. */
    private static final LuaScript COUNTRY = new LuaScript(AggregateArguments.Country.UNPACK + """

            if count_delta ~= '0' or mean_delta ~= '0' or satisfied_delta ~= '0' then
              redis.call('HINCRBY', KEYS[1], 'n', count_delta)
              redis.call('HINCRBY', KEYS[1], 'sum', mean_delta)
              redis.call('HINCRBY', KEYS[1], 'sat', satisfied_delta)
            end
            return {redis.call('HGET', KEYS[1], 'm') or prior_mean}""", ReturnType.MULTI);

    private final ReactiveStringRedisTemplate redis;
    private final long priorMeanMicro;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong meanSum = new AtomicLong();
    private final AtomicLong satisfied = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile double mean;
    private Disposable refreshing;

    CountryTotals(ReactiveStringRedisTemplate redis, RatingProperties properties) {
        this.redis = redis;
        this.priorMeanMicro = properties.priorMean().movePointRight(6).longValue();
        this.mean = priorMeanMicro;
    }

    /** The country's mean in millionths as this instance last read it: what a rating's fair sort key is scored against. */
    double mean() {
        return mean;
    }

    /** Queues one questionnaire's part ({@code sign} 1 adds it, -1 takes it back). */
    void add(int sign, long meanDelta, int satisfiedDelta) {
        count.addAndGet(sign);
        meanSum.addAndGet(meanDelta);
        satisfied.addAndGet(satisfiedDelta);
        if (scheduled.compareAndSet(false, true)) {
            Schedulers.parallel().schedule(() -> flush().subscribe(), DELAY.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** A re-rank or rebuild on this instance stored this mean. */
    void meanStored(double meanMicro) {
        mean = meanMicro;
    }

    /**
     * Before the first rating, the mean the last re-rank stored; then every {@link #REFRESH} (an idle instance hears
     * another's re-rank so too; a busy one with every write).
     */
    @EventListener(ApplicationReadyEvent.class)
    void readMean() {
        refreshing = Flux.interval(Duration.ZERO, REFRESH).concatMap(tick -> flush()).subscribe();
    }

    /** Writes what is queued, and reads m back, when subscribed to. */
    Mono<Void> flush() {
        return Mono.defer(() -> {
            scheduled.set(false); // a change queued from here on schedules the next flush
            long n = count.getAndSet(0);
            long sum = meanSum.getAndSet(0);
            long sat = satisfied.getAndSet(0);
            return COUNTRY.<List<Object>>run(redis, List.of(RatingKeys.GLOBAL), new AggregateArguments.Country(
                            (int) n, sum, (int) sat, priorMeanMicro).argv())
                    .doOnNext(answer -> mean = Double.parseDouble(text(answer.get(0))))
                    .onErrorResume(e -> {
                        log.warn("The country's totals missed {} questionnaires (until the next rebuild): {}", n, e.toString());
                        return Mono.empty();
                    })
                    .then();
        });
    }

    /** A bulk string in a script's answer (Lettuce hands it over as bytes). */
    private static String text(Object value) {
        if (value instanceof ByteBuffer buffer) {
            return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
        }
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    /** What is queued at shutdown is written before the connection closes (a few seconds at most). */
    @PreDestroy
    void stop() {
        if (refreshing != null) {
            refreshing.dispose();
        }
        flush().block(Duration.ofSeconds(5));
    }
}

package by.ocenka.floor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * The floor of a rating: what any service must do to accept one, and nothing else. The citizen is the session
 * cookie's value (no lookup), the answers are read from JSON, one Redis script takes the day's limit and adds to the
 * organisation's aggregate, and the row goes into PostgreSQL through a multi-row INSERT shared by the submissions of a
 * couple of milliseconds (the portal's batch size and wait); 201 once the INSERT is committed, 409 for a second rating
 * of the day. The portal does more (validation, fair play, rankings, live events, the session and CSRF checks): its
 * share of this is what that costs.
 */
@SpringBootApplication
@RestController
public class FloorApplication {

    record Rating(Map<String, Integer> scores, String comment) {
    }

    record Accepted(long id) {
    }

    private record Pending(long organization, long user, LocalDate day, Rating rating, BigDecimal mean,
                           MonoSink<Long> result) {
    }

    private static final ZoneId MINSK = ZoneId.of("Europe/Minsk");
    private static final int BATCH = 256;
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int CONCURRENCY = 4;
    private static final RedisScript<Long> TAKE_AND_ADD = RedisScript.of("""
            if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', 86400) then return 0 end
            redis.call('HINCRBY', KEYS[2], 'n', 1)
            redis.call('HINCRBY', KEYS[2], 'sum', ARGV[1])
            return 1""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final DatabaseClient db;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    FloorApplication(ReactiveStringRedisTemplate redis, DatabaseClient db) {
        this.redis = redis;
        this.db = db;
    }

    @PostMapping("/api/v1/organizations/{organization}/ratings")
    Mono<ResponseEntity<Accepted>> rate(@PathVariable long organization, @CookieValue("SESSION") String session,
                                        @RequestBody Rating rating) {
        if (rating.scores() == null || rating.scores().isEmpty()
                || rating.scores().values().stream().anyMatch(s -> s == null || s < 1 || s > 5)) {
            return Mono.just(ResponseEntity.badRequest().build());
        }
        long user = session.hashCode() & 0x7fffffffL;
        LocalDate day = LocalDate.now(MINSK);
        BigDecimal mean = BigDecimal.valueOf(rating.scores().values().stream().mapToInt(Integer::intValue).sum())
                .divide(BigDecimal.valueOf(rating.scores().size()), 6, RoundingMode.HALF_UP);
        List<String> keys = List.of("floor:{" + organization + "}:" + user + ":" + day, "floor:agg:{" + organization + "}");
        return redis.execute(TAKE_AND_ADD, keys, List.of(mean.movePointRight(6).toBigInteger().toString())).next()
                .flatMap(taken -> taken == 0 ? Mono.just(ResponseEntity.status(HttpStatus.CONFLICT).<Accepted>build())
                        : Mono.<Long>create(sink -> queue(new Pending(organization, user, day, rating, mean, sink)))
                                .map(id -> ResponseEntity.status(HttpStatus.CREATED).body(new Accepted(id))));
    }

    /** The portal's writer in short: the first of a batch waits a moment for others, at most four INSERTs at once. */
    private void queue(Pending pending) {
        queue.add(pending);
        if (queued.incrementAndGet() >= BATCH) {
            drain();
        } else if (drainScheduled.compareAndSet(false, true)) {
            Schedulers.parallel().schedule(() -> {
                drainScheduled.set(false);
                drain();
            }, WAIT_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    private void drain() {
        while (true) {
            int running = inFlight.get();
            if (running >= CONCURRENCY || queue.isEmpty()) {
                return;
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            Pending next;
            while (batch.size() < BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            queued.addAndGet(-batch.size());
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                return;
            }
            insert(batch).doFinally(signal -> {
                inFlight.decrementAndGet();
                drain();
            }).subscribe();
        }
    }

    private Mono<Void> insert(List<Pending> batch) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO floor_questionnaire (organization_id, user_id, local_date, scores, mean, comment) VALUES ");
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:o").append(i).append(", :u").append(i).append(", :d").append(i)
                    .append(", :s").append(i).append("::jsonb, :m").append(i).append(", :c").append(i).append(')');
        }
        sql.append(" ON CONFLICT DO NOTHING RETURNING id, user_id, organization_id");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            StringBuilder scores = new StringBuilder("{");
            p.rating().scores().forEach((code, score) ->
                    scores.append(scores.length() > 1 ? "," : "").append('"').append(code).append("\":").append(score));
            spec = spec.bind("o" + i, p.organization()).bind("u" + i, p.user()).bind("d" + i, p.day())
                    .bind("s" + i, scores.append('}').toString()).bind("m" + i, p.mean());
            spec = p.rating().comment() == null ? spec.bindNull("c" + i, String.class) : spec.bind("c" + i, p.rating().comment());
        }
        return spec.map(row -> Map.entry(row.get("user_id", Long.class) + ":" + row.get("organization_id", Long.class),
                        row.get("id", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .doOnNext(ids -> batch.forEach(p -> {
                    Long id = ids.get(p.user() + ":" + p.organization());
                    if (id != null) {
                        p.result().success(id);
                    } else {
                        p.result().error(new IllegalStateException("not stored"));
                    }
                }))
                .onErrorResume(e -> {
                    batch.forEach(p -> p.result().error(e));
                    return Mono.empty();
                })
                .then();
    }

    public static void main(String[] args) {
        SpringApplication.run(FloorApplication.class, args);
    }
}

package by.ocenka.rating.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * Writes questionnaires to PostgreSQL in micro-batches: concurrent submissions queue here and go into one multi-row
 * INSERT (up to {@code batch-size} rows, or whatever arrived within {@code batch-wait}; at most
 * {@code batch-concurrency} inserts at once, the next batch cut as one finishes). Each submission completes
 * only when the statement holding its row has committed; a failed statement fails exactly its own submissions. A
 * row the daily-limit key missed (Redis lost it) comes back as a conflict, not an error.
 */
@Component
public class QuestionnaireWriter {

    /** A questionnaire ready to store; {@code holdReason} non-null stores it HELD for the moderators. */
    public record NewQuestionnaire(long organizationId, long userId, LocalDate localDate, Map<String, Integer> scores,
                                   BigDecimal mean, String serviceName, LocalDate serviceDate, String comment,
                                   String authorName, String holdReason, Long serviceId, String employee) {

        public NewQuestionnaire heldFor(String reason) {
            return new NewQuestionnaire(organizationId, userId, localDate, scores, mean, serviceName, serviceDate, comment,
                    authorName, reason, serviceId, employee);
        }
    }

    /** What the insert answers for one submission: its id and time, or {@code conflict} for a second one that day. */
    public record Written(long id, OffsetDateTime createdAt, boolean conflict) {
        static final Written CONFLICT = new Written(0, null, true);
    }

    private record Pending(NewQuestionnaire questionnaire, MonoSink<Written> result) {
    }

    static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(5);

    private final DatabaseClient db;
    private final RatingProperties properties;
    private final DistributionSummary batchSizes;
    /** Submissions waiting for a batch; any request thread adds, whichever thread drains takes. */
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    QuestionnaireWriter(DatabaseClient db, RatingProperties properties, MeterRegistry meters) {
        this.db = db;
        this.properties = properties;
        this.batchSizes = DistributionSummary.builder("ocenka.ratings.batch.size")
                .description("Questionnaires per multi-row insert").publishPercentileHistogram().register(meters);
    }

    public Mono<Written> write(NewQuestionnaire questionnaire) {
        return Mono.create(sink -> {
            queue.add(new Pending(questionnaire, sink));
            int waiting = queued.incrementAndGet();
            if (!properties.batching() || waiting >= properties.batchSize()) {
                drain();
            } else if (drainScheduled.compareAndSet(false, true)) {
                // The first of a batch waits a moment for others to join it.
                Schedulers.parallel().schedule(() -> {
                    drainScheduled.set(false);
                    drain();
                }, properties.batchWait().toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }

    /** Starts inserts while there are waiting submissions and fewer than batch-concurrency inserts running. */
    private void drain() {
        int limit = properties.batching() ? properties.batchSize() : 1;
        while (true) {
            int running = inFlight.get();
            if (running >= properties.batchConcurrency() || queue.isEmpty()) {
                return;
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Pending> batch = new ArrayList<>(Math.min(limit, 64));
            Pending next;
            while (batch.size() < limit && (next = queue.poll()) != null) {
                batch.add(next);
            }
            queued.addAndGet(-batch.size());
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                return;
            }
            insert(batch).doFinally(signal -> {
                inFlight.decrementAndGet();
                // Whatever queued up while this batch ran goes next.
                drain();
            }).subscribe();
        }
    }

    private Mono<Void> insert(List<Pending> batch) {
        batchSizes.record(batch.size());
        StringBuilder sql = new StringBuilder("""
                INSERT INTO questionnaire (organization_id, user_id, local_date, scores, mean, service_name, service_date,
                                           comment, author_name, status, hold_reason, service_id, employee)
                VALUES """);
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:o").append(i).append(", :u").append(i).append(", :d").append(i)
                    .append(", :s").append(i).append("::jsonb, :m").append(i).append(", :n").append(i)
                    .append(", :sd").append(i).append(", :c").append(i).append(", :a").append(i)
                    .append(", :st").append(i).append(", :h").append(i).append(", :si").append(i)
                    .append(", :e").append(i).append(')');
        }
        sql.append(" ON CONFLICT ON CONSTRAINT questionnaire_daily DO NOTHING RETURNING id, user_id, organization_id, local_date, created_at");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (int i = 0; i < batch.size(); i++) {
            NewQuestionnaire q = batch.get(i).questionnaire();
            spec = spec.bind("o" + i, q.organizationId()).bind("u" + i, q.userId()).bind("d" + i, q.localDate())
                    .bind("s" + i, ScoresJson.write(q.scores())).bind("m" + i, q.mean());
            spec = q.serviceName() == null ? spec.bindNull("n" + i, String.class) : spec.bind("n" + i, q.serviceName());
            spec = q.serviceDate() == null ? spec.bindNull("sd" + i, LocalDate.class) : spec.bind("sd" + i, q.serviceDate());
            spec = q.comment() == null ? spec.bindNull("c" + i, String.class) : spec.bind("c" + i, q.comment());
            spec = q.authorName() == null ? spec.bindNull("a" + i, String.class) : spec.bind("a" + i, q.authorName());
            spec = spec.bind("st" + i, q.holdReason() == null ? "PUBLISHED" : "HELD");
            spec = q.holdReason() == null ? spec.bindNull("h" + i, String.class) : spec.bind("h" + i, q.holdReason());
            spec = q.serviceId() == null ? spec.bindNull("si" + i, Long.class) : spec.bind("si" + i, q.serviceId());
            spec = q.employee() == null ? spec.bindNull("e" + i, String.class) : spec.bind("e" + i, q.employee());
        }
        return spec.map(row -> Map.entry(key(row.get("user_id", Long.class), row.get("organization_id", Long.class),
                        row.get("local_date", LocalDate.class)),
                        new Written(row.get("id", Long.class), row.get("created_at", OffsetDateTime.class), false)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
                // A statement on a connection that died with the database (a restart) may never answer: the batch fails
                // (503, the citizen tries again; a row it did commit then answers 409) instead of holding its place,
                // and with batch-concurrency such batches every later submission, for ever.
                .timeout(STATEMENT_TIMEOUT)
                .doOnNext(written -> {
                    for (Pending p : batch) {
                        NewQuestionnaire q = p.questionnaire();
                        // remove: of two in one batch for the same citizen, organisation and day, one row, one 201.
                        Written row = written.remove(key(q.userId(), q.organizationId(), q.localDate()));
                        p.result().success(row != null ? row : Written.CONFLICT);
                    }
                })
                .onErrorResume(e -> {
                    batch.forEach(p -> p.result().error(e));
                    return Mono.empty();
                })
                .then();
    }

    private static String key(long userId, long organizationId, LocalDate date) {
        return userId + ":" + organizationId + ":" + date;
    }

    @PreDestroy
    void stop() {
        drain();
    }

}

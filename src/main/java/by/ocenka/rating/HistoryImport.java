package by.ocenka.rating;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.Placement;
import by.ocenka.platform.Minsk;
import by.ocenka.rating.internal.AggregateState;
import by.ocenka.rating.internal.CsvRecords;
import by.ocenka.rating.internal.HistoryImportRepository;
import by.ocenka.rating.internal.HistoryRows;
import by.ocenka.rating.internal.QuestionnairePartitions;
import by.ocenka.rating.internal.RatingJobs;
import by.ocenka.rating.internal.RatingProperties;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The old portal's history brought in by an admin (the API and the admin's page): questionnaires from its CSV export,
 * anonymous (no author), idempotent by the old portal's id, counted at once. The file is streamed through
 * {@link HistoryRows} into a temporary table with COPY (never whole in memory), checked there, and its valid rows
 * written by one statement; the months it reaches get their partitions first; then the aggregates and rankings are
 * rebuilt from PostgreSQL and reconciled, so that scores, rankings, trends and daily sums include the rows as soon as
 * the answer comes. A faulty row is reported with its line and written nowhere; the valid rows of the same file are
 * imported (a partial import: the admin fixes the listed lines and uploads the file again, which skips what is in).
 */
@Service
public class HistoryImport {

    private static final Logger log = LoggerFactory.getLogger(HistoryImport.class);
    /** At most so many problems are listed (the count of faulty rows is always whole). */
    public static final int MAX_ERRORS = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Buffers of the body staged per COPY message. */
    private static final int BATCH = 64;

    /** One problem of a row, in the reader's language. */
    @Schema(name = "HistoryLineError")
    public record LineError(int line, String message) {
    }

    /** What an upload did. */
    @Schema(name = "HistoryImported")
    public record Imported(
            @Schema(description = "Rows written now") long imported,
            @Schema(description = "Valid rows whose external_id was imported before (by this file's earlier upload or "
                    + "another): nothing written") long skipped,
            @Schema(description = "Rows refused for a problem (each listed in errors, up to 1,000 problems)") long failed,
            @Schema(description = "The problems, by line (the file's first line is its header, line 1)")
            List<LineError> errors) {
    }

    private final Organizations organizations;
    private final HistoryImportRepository repository;
    private final ConnectionFactory connections;
    private final QuestionnairePartitions partitions;
    private final RatingJobs jobs;
    private final AggregateState state;
    private final RatingProperties properties;
    private final MessageSource messages;
    private final Clock clock;

    HistoryImport(Organizations organizations, HistoryImportRepository repository, ConnectionFactory connections,
                  QuestionnairePartitions partitions, RatingJobs jobs, AggregateState state, RatingProperties properties,
                  MessageSource messages, Clock clock) {
        this.organizations = organizations;
        this.repository = repository;
        this.connections = connections;
        this.partitions = partitions;
        this.jobs = jobs;
        this.state = state;
        this.properties = properties;
        this.messages = messages;
        this.clock = clock;
    }

    /** Imports a CSV file as it arrives (UTF-8; comma or semicolon); 400 when its header will not do. */
    public Mono<Imported> importCsv(Flux<DataBuffer> csv, Locale locale) {
        Steps steps = new Steps();
        return catalogue().flatMap(catalogue -> {
            HistoryRows rows = new HistoryRows(catalogue, Minsk.today(clock), properties.historySince());
            return Mono.usingWhen(Mono.from(connections.create()),
                            connection -> stageAndWrite(connection, staged(csv, rows), rows, steps),
                            this::release, (connection, e) -> release(connection), this::release)
                    .onErrorMap(e -> rows.failure() != null ? rows.failure() : e)
                    .flatMap(outcome -> (outcome.imported() == 0 ? Mono.<Void>empty() : steps.timed("rebuild", rebuild()))
                            .thenReturn(outcome))
                    .map(outcome -> {
                        long skipped = outcome.counts().valid() - outcome.imported();
                        log.info("History import: {} rows, {} imported, {} skipped, {} refused; {}", rows.rows(),
                                outcome.imported(), skipped, outcome.counts().failed(), steps);
                        return new Imported(outcome.imported(), skipped, outcome.counts().failed(), outcome.problems()
                                .stream().map(p -> new LineError(p.line(), message(p.json(), locale))).toList());
                    });
        });
    }

    /** What one upload did to the tables, read before the staging table goes. */
    private record Outcome(long imported, HistoryImportRepository.Counts counts,
                           List<HistoryImportRepository.Problem> problems) {
    }

    private Mono<Outcome> stageAndWrite(Connection connection, Flux<String> staged, HistoryRows rows, Steps steps) {
        // The COPY starts with the first rows: a header that will not do is refused before it (no COPY is failed).
        Mono<Void> copy = staged.switchOnFirst((first, all) -> first.isOnError() ? Flux.<Long>error(first.getThrowable())
                : repository.copy(connection, all).flux()).then();
        return repository.createStaging(connection)
                .then(steps.timed("read and copied", copy))
                .then(steps.timed("checked", repository.check(connection, rows.extraCriteria())))
                // The months reached get their partitions (on another connection, in a short transaction of their own:
                // creating one locks the table, which must not wait for this import).
                .then(steps.timed("partitions", Mono.defer(() -> rows.earliest() == null ? Mono.empty()
                        : partitions.ensureFrom(YearMonth.from(rows.earliest())))))
                .then(steps.timed("written", repository.insert(connection)))
                .flatMap(imported -> Mono.zip(repository.counts(connection),
                                repository.problems(connection, MAX_ERRORS).collectList())
                        .map(t -> new Outcome(imported, t.getT1(), t.getT2())));
    }

    /** How long each step of an upload took, for the log line. */
    private static final class Steps {

        private final Map<String, Long> millis = new LinkedHashMap<>();

        <T> Mono<T> timed(String step, Mono<T> work) {
            return Mono.defer(() -> {
                long started = System.nanoTime();
                return work.doOnTerminate(() -> millis.put(step, Duration.ofNanos(System.nanoTime() - started).toMillis()));
            });
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            millis.forEach((step, ms) -> out.append(out.isEmpty() ? "" : ", ").append(step).append(" in ").append(ms).append(" ms"));
            return out.toString();
        }
    }

    private Mono<Void> release(Connection connection) {
        return repository.dropStaging(connection).onErrorResume(e -> Mono.empty())
                .then(Mono.from(connection.close()));
    }

    /** The file's records as staging rows, a buffer at a time (each released once read), batched for COPY. */
    private static Flux<String> staged(Flux<DataBuffer> csv, HistoryRows rows) {
        CsvRecords reader = new CsvRecords();
        return csv.map(buffer -> {
                    try {
                        List<CsvRecords.Record> records = new ArrayList<>();
                        try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
                            while (chunks.hasNext()) {
                                ByteBuffer chunk = chunks.next();
                                records.addAll(reader.feed(chunk));
                            }
                        }
                        return rows.stage(records);
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release)
                .concatWith(Mono.fromCallable(() -> {
                    String last = rows.stage(reader.finish());
                    rows.finish();
                    return last;
                }))
                .filter(chunk -> !chunk.isEmpty())
                // A request's body comes in buffers of a few kilobytes: COPY gets them by the batch (a message of about
                // a megabyte), and the next batch is read while one is written. One hop between the request's thread
                // and the database connection's per buffer cost a minute for 500,000 rows on a busy machine.
                .buffer(BATCH)
                .map(batch -> String.join("", batch));
    }

    /**
     * Rebuilds the aggregates and rankings from PostgreSQL and reconciles (org_rating, the catalogue's sortable copies):
     * the rows count at once. Should Redis fail, the rows stay imported and the aggregates are marked stale, for the
     * rating jobs to rebuild on their next round.
     */
    private Mono<Void> rebuild() {
        return jobs.rebuildAndReconcile().onErrorResume(e -> {
            log.warn("History imported, aggregates not rebuilt (marked stale for the jobs): {}", e.toString());
            state.markStale();
            return Mono.empty();
        });
    }

    /** The active organisations (with their parents and UNPs) and the criteria's codes, read once per upload. */
    private Mono<HistoryRows.Catalogue> catalogue() {
        Mono<Map<Long, Long>> parents = organizations.placements()
                .collect(HashMap::new, (Map<Long, Long> map, Placement p) -> map.put(p.id(), p.parentId()));
        return Mono.zip(parents, organizations.activeByUnp(), repository.criterionCodes()).map(t -> {
            List<String> base = new ArrayList<>();
            Set<String> extra = new HashSet<>();
            t.getT3().forEach((code, isBase) -> (isBase ? base : extra).add(code));
            return new HistoryRows.Catalogue(t.getT1(), t.getT2(), List.copyOf(base), Set.copyOf(extra));
        });
    }

    /** A staged problem ({@code [key, arguments…]}) in the reader's language. */
    private String message(String json, Locale locale) {
        JsonNode problem = JSON.readTree(json);
        Object[] args = new Object[problem.size() - 1];
        for (int i = 1; i < problem.size(); i++) {
            args[i - 1] = problem.get(i).asString();
        }
        String key = problem.get(0).asString();
        return messages.getMessage(key, args, key, locale);
    }
}

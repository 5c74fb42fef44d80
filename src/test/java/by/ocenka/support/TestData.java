package by.ocenka.support;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.r2dbc.spi.R2dbcException;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Empties what tests write, keeping the schema and the reference data that migrations load. */
public final class TestData {

    /** Tables whose rows come from migrations and stay. */
    private static final Set<String> REFERENCE_TABLES = Set.of("flyway_schema_history", "sphere", "category", "region", "district",
            "rating_setting", "test_base_criterion");

    private TestData() {
    }

    private static boolean isDeadlock(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException r2dbc && "40P01".equals(r2dbc.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    public static Mono<Void> clean(DatabaseClient db, ReactiveRedisConnectionFactory redis) {
        // The base criteria come from a migration, but TRUNCATE … CASCADE of organisations takes the criterion table
        // with it (extra criteria reference organisations): they are kept aside once and put back after each clean.
        Mono<Void> keepCriteria = db.sql("CREATE TABLE IF NOT EXISTS test_base_criterion AS "
                + "SELECT * FROM criterion WHERE organization_id IS NULL").then();
        Mono<Void> restoreCriteria = db.sql("INSERT INTO criterion SELECT * FROM test_base_criterion ON CONFLICT DO NOTHING").then()
                .then(db.sql("SELECT setval('criterion_id_seq', (SELECT max(id) FROM criterion))").then());
        // Partitions go with their parent (listing them too would lock them in another order than an insert does,
        // and a late insert of the test before would deadlock the clean).
        Mono<Void> truncate = db.sql("""
                        SELECT t.tablename FROM pg_tables t JOIN pg_class c ON c.relname = t.tablename
                        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = t.schemaname
                        WHERE t.schemaname = 'public' AND NOT c.relispartition""")
                .map(row -> row.get("tablename", String.class))
                .all()
                .filter(table -> !REFERENCE_TABLES.contains(table))
                .collect(Collectors.joining(", "))
                .flatMap(tables -> tables.isEmpty() ? Mono.empty()
                        : db.sql("TRUNCATE " + tables + " RESTART IDENTITY CASCADE").then()
                                // A write the test before left in flight (a batch of questionnaires, the outbox) may
                                // lock two of these tables in the other order; PostgreSQL then cancels one side, and
                                // if that is the clean, it is tried again once the write has finished.
                                .retryWhen(Retry.backoff(5, Duration.ofMillis(50)).filter(TestData::isDeadlock)));
        Mono<Void> flush = Mono.usingWhen(Mono.fromSupplier(redis::getReactiveConnection),
                connection -> connection.serverCommands().flushDb().then(),
                connection -> connection.closeLater());
        // Redis first: the connection is taken on the caller's (test) thread.
        return flush.then(keepCriteria).then(truncate).then(restoreCriteria);
    }
}

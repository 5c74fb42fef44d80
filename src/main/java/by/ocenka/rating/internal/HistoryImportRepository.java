package by.ocenka.rating.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import by.ocenka.platform.PostgresCopy;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The history import's SQL. A file is copied into a temporary table on one connection of its own (the statements
 * after the COPY read it there; nothing of the file is held in memory), checked there, and its valid rows written by
 * one statement: claimed in {@code questionnaire_import} by their old ids (an id claimed before, by an earlier upload or
 * a concurrent one, is skipped) and inserted into {@code questionnaire}, whose statement trigger adds them to the daily
 * sums ({@code org_day}) as it does for any insert.
 */
@Repository
public class HistoryImportRepository {

    /** The staging table's columns, as {@link HistoryRows} writes them. */
    static final String COPY = "COPY history_staging (line, external_id, organization_id, local_date, scores, mean, "
            + "service, comment, problems) FROM STDIN";

    /** One problem of a row: its line and {@code [message key, arguments…]} as JSON. */
    public record Problem(int line, String json) {
    }

    /** How many rows passed every check, and how many did not. */
    public record Counts(long valid, long failed) {
    }

    private final DatabaseClient db;

    HistoryImportRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Every criterion code and whether it is a base one, the base ones first in the form's order. */
    public Mono<Map<String, Boolean>> criterionCodes() {
        return db.sql("""
                        SELECT code, bool_or(organization_id IS NULL) AS base FROM criterion GROUP BY code
                        ORDER BY bool_or(organization_id IS NULL) DESC, min(position), code""")
                .map(row -> Map.entry(row.get("code", String.class), Boolean.TRUE.equals(row.get("base", Boolean.class))))
                .all()
                .collect(LinkedHashMap<String, Boolean>::new, (map, e) -> map.put(e.getKey(), e.getValue()))
                .<Map<String, Boolean>>map(map -> map);
    }

    /** Streams the staging rows into the staging table on this connection; answers how many. */
    public Mono<Long> copy(Connection connection, Flux<String> rows) {
        return PostgresCopy.copyIn(connection, COPY, rows);
    }

    /** A fresh staging table on this connection (one left by an upload that was cut off goes first). */
    public Mono<Void> createStaging(Connection connection) {
        // Text columns: a faulty row is kept whole, whatever its lengths, to be reported.
        return update(connection, "DROP TABLE IF EXISTS pg_temp.history_staging")
                .then(update(connection, """
                        CREATE TEMP TABLE history_staging (
                            line            INTEGER NOT NULL,
                            external_id     TEXT,
                            organization_id BIGINT,
                            local_date      DATE,
                            scores          JSONB,
                            mean            NUMERIC(7, 6),
                            service         TEXT,
                            comment         TEXT,
                            problems        JSONB)"""))
                .then();
    }

    public Mono<Void> dropStaging(Connection connection) {
        return update(connection, "DROP TABLE IF EXISTS pg_temp.history_staging").then();
    }

    /**
     * The checks that need the other rows or the database: a score for an extra criterion the organisation is not
     * rated on (only asked when a column scores one), an old id repeated in the file (the first line keeps it).
     */
    public Mono<Void> check(Connection connection, boolean extraCriteria) {
        Mono<Long> criteria = !extraCriteria ? Mono.just(0L) : update(connection, """
                WITH unknown AS (
                    SELECT s.line, jsonb_agg(jsonb_build_array('validation.history.criterion', k.code) ORDER BY k.code) AS found
                    FROM history_staging s, jsonb_object_keys(s.scores) AS k(code)
                    WHERE s.problems IS NULL
                      AND NOT EXISTS (SELECT 1 FROM criterion c WHERE c.organization_id IS NULL AND c.code = k.code)
                      AND NOT EXISTS (SELECT 1 FROM criterion c JOIN org_closure oc ON oc.ancestor_id = c.organization_id
                                      WHERE oc.descendant_id = s.organization_id AND c.code = k.code)
                    GROUP BY s.line)
                UPDATE history_staging s SET problems = u.found FROM unknown u WHERE s.line = u.line""");
        Mono<Long> repeated = update(connection, """
                UPDATE history_staging s
                SET problems = coalesce(s.problems, '[]'::jsonb)
                               || jsonb_build_array(jsonb_build_array('validation.history.repeated', f.first::text))
                FROM (SELECT external_id, min(line) AS first FROM history_staging WHERE external_id IS NOT NULL
                      GROUP BY external_id HAVING count(*) > 1) f
                WHERE s.external_id = f.external_id AND s.line > f.first""");
        // Temporary tables are never analysed by autovacuum: the planner learns the file's size here.
        return update(connection, "ANALYZE history_staging").then(criteria).then(repeated).then();
    }

    /**
     * Writes the valid rows whose old ids are new, in one statement; answers how many. An imported questionnaire has
     * no author and no service date; it was created at noon (Minsk) of its day, so that it sorts among the reviews by
     * that day; its id is negative (V35), the latest day's closest to zero, so that the cabinet's feed (by id) lists it
     * after every questionnaire of this portal.
     */
    public Mono<Long> insert(Connection connection) {
        return Flux.from(connection.createStatement("""
                        WITH claimed AS (
                            INSERT INTO questionnaire_import (external_id, questionnaire_id, local_date)
                            SELECT external_id, -nextval('questionnaire_history_id_seq'), local_date FROM history_staging
                            WHERE problems IS NULL ORDER BY local_date DESC, line
                            ON CONFLICT (external_id) DO NOTHING
                            RETURNING external_id, questionnaire_id),
                        inserted AS (
                            INSERT INTO questionnaire (id, organization_id, user_id, local_date, scores, mean, service_name,
                                                       comment, created_at)
                            SELECT c.questionnaire_id, s.organization_id, NULL, s.local_date, s.scores, s.mean, s.service,
                                   s.comment, (s.local_date + TIME '12:00') AT TIME ZONE 'Europe/Minsk'
                            FROM claimed c JOIN history_staging s ON s.external_id = c.external_id AND s.problems IS NULL
                            RETURNING 1)
                        SELECT count(*) AS imported FROM inserted""").execute())
                .flatMap(result -> result.map((row, meta) -> row.get("imported", Long.class)))
                .single();
    }

    public Mono<Counts> counts(Connection connection) {
        return Flux.from(connection.createStatement("""
                        SELECT count(*) FILTER (WHERE problems IS NULL) AS valid,
                               count(*) FILTER (WHERE problems IS NOT NULL) AS failed
                        FROM history_staging""").execute())
                .flatMap(result -> result.map((row, meta) -> new Counts(row.get("valid", Long.class),
                        row.get("failed", Long.class))))
                .single();
    }

    /** The first {@code limit} problems, in the file's order. */
    public Flux<Problem> problems(Connection connection, int limit) {
        return Flux.from(connection.createStatement("""
                        SELECT s.line, p.value::text AS problem
                        FROM history_staging s, jsonb_array_elements(s.problems) WITH ORDINALITY AS p(value, n)
                        WHERE s.problems IS NOT NULL
                        ORDER BY s.line, p.n LIMIT $1""").bind("$1", limit).execute())
                .flatMap(result -> result.map((row, meta) -> new Problem(row.get("line", Integer.class),
                        row.get("problem", String.class))));
    }

    private static Mono<Long> update(Connection connection, String sql) {
        return Flux.from(connection.createStatement(sql).execute())
                .flatMap(Result::getRowsUpdated)
                .reduce(0L, Long::sum);
    }
}

package by.ocenka.rating.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

import by.ocenka.platform.ReadReplica;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The figures PostgreSQL computes from the published questionnaires: each organisation's aggregate (what Redis is
 * rebuilt from and {@code org_rating} reconciled to), the country's totals, months, trends and improvements.
 */
@Repository
public class FiguresRepository {

    /** An organisation's aggregate as PostgreSQL computes it: count, sum of means in millionths, satisfied. */
    public record Truth(long organizationId, long n, long sumMicro, long satisfied) {
    }

    /** Per organisation and criterion: the sum of its scores and how many scored it. */
    public record CriterionTotal(long organizationId, String code, long total, long count) {
    }

    /** The reconciled aggregate of {@code org_rating}. */
    public record Stored(long n, long sumMicro, long satisfied) {
        static final Stored NONE = new Stored(0, 0, 0);
    }

    /** The country's published questionnaires and the citizens who wrote any. */
    public record Totals(long questionnaires, long citizens) {
    }

    /** A month's published questionnaires: count, mean, satisfied. */
    public record Month(String month, long n, BigDecimal mean, long satisfied) {
    }

    /** An organisation whose mean rose: the period before against the recent one. */
    public record Rise(long organizationId, BigDecimal before, BigDecimal now) {
    }

    private final DatabaseClient db;

    /** Public figures (statistics, trends) are read on the replica when there is one. */
    private final ReadReplica replica;

    FiguresRepository(DatabaseClient db, ReadReplica replica) {
        this.db = db;
        this.replica = replica;
    }

    /**
     * Every organisation's aggregate over its published questionnaires, summed over its days (org_day, which
     * triggers on questionnaire keep in the same transaction as the rows themselves).
     */
    public Flux<Truth> truth() {
        return db.sql("""
                        SELECT organization_id, sum(questionnaires) AS n, (sum(sum_means) * 1000000)::bigint AS sum,
                               sum(satisfied) AS sat
                        FROM org_day GROUP BY organization_id HAVING sum(questionnaires) > 0""")
                .map(row -> new Truth(row.get("organization_id", Long.class), row.get("n", Long.class),
                        row.get("sum", Long.class), row.get("sat", Long.class)))
                .all();
    }

    /** The same for these organisations only. */
    public Flux<Truth> truthOf(Collection<Long> ids) {
        return db.sql("""
                        SELECT organization_id, sum(questionnaires) AS n, (sum(sum_means) * 1000000)::bigint AS sum,
                               sum(satisfied) AS sat
                        FROM org_day WHERE organization_id = ANY(:ids) GROUP BY organization_id""")
                .bind("ids", ids.toArray(Long[]::new))
                .map(row -> new Truth(row.get("organization_id", Long.class), row.get("n", Long.class),
                        row.get("sum", Long.class), row.get("sat", Long.class)))
                .all();
    }

    public Flux<CriterionTotal> criterionTruth() {
        return db.sql("""
                        SELECT d.organization_id, c.key AS code, sum((c.value ->> 0)::bigint)::bigint AS total,
                               sum((c.value ->> 1)::bigint)::bigint AS n
                        FROM org_day d, jsonb_each(d.criteria) AS c
                        GROUP BY d.organization_id, c.key HAVING sum((c.value ->> 1)::bigint) > 0""")
                .map(row -> new CriterionTotal(row.get("organization_id", Long.class), row.get("code", String.class),
                        row.get("total", Long.class), row.get("n", Long.class)))
                .all();
    }

    /**
     * Puts the satisfied threshold the portal is configured with into rating_setting (which the org_day triggers
     * read) and, when it changed, recounts every day's satisfied questionnaires. True when it changed.
     */
    public Mono<Boolean> useSatisfiedFrom(BigDecimal satisfiedFrom) {
        return db.sql("""
                        WITH changed AS (
                            UPDATE rating_setting SET value = :from WHERE name = 'satisfied_from' AND value <> :from
                            RETURNING value),
                        recount AS (
                            SELECT organization_id, local_date, count(*) FILTER (WHERE mean >= :from) AS sat
                            FROM questionnaire WHERE status = 'PUBLISHED' AND EXISTS (SELECT 1 FROM changed)
                            GROUP BY organization_id, local_date),
                        recounted AS (
                            UPDATE org_day d SET satisfied = r.sat FROM recount r
                            WHERE d.organization_id = r.organization_id AND d.day = r.local_date)
                        SELECT count(*) AS changed FROM changed""")
                .bind("from", satisfiedFrom)
                .map(row -> row.get("changed", Long.class) > 0)
                .one();
    }

    /** The reconciled aggregates, for reads while Redis is unreachable. */
    public Mono<Map<Long, Stored>> stored(Collection<Long> ids) {
        return db.sql("SELECT organization_id, ratings_count, sum_means, satisfied_count FROM org_rating WHERE organization_id = ANY(:ids)")
                .bind("ids", ids.toArray(Long[]::new))
                .map(row -> Map.entry(row.get("organization_id", Long.class), new Stored(row.get("ratings_count", Long.class),
                        Math.round(row.get("sum_means", Double.class) * Aggregates.MICRO), row.get("satisfied_count", Long.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Recomputes org_rating from the organisations' days, in one statement. */
    public Mono<Long> reconcile() {
        return db.sql("""
                        WITH totals AS (
                            SELECT organization_id, sum(questionnaires) AS n, sum(sum_means) AS sum_means,
                                   sum(satisfied) AS sat
                            FROM org_day GROUP BY organization_id HAVING sum(questionnaires) > 0),
                        criteria AS (
                            SELECT organization_id, jsonb_object_agg(code, jsonb_build_array(total, n)) AS sums FROM (
                                SELECT d.organization_id, c.key AS code, sum((c.value ->> 0)::bigint)::bigint AS total,
                                       sum((c.value ->> 1)::bigint)::bigint AS n
                                FROM org_day d, jsonb_each(d.criteria) AS c
                                GROUP BY d.organization_id, c.key HAVING sum((c.value ->> 1)::bigint) > 0) c
                            GROUP BY organization_id)
                        INSERT INTO org_rating (organization_id, ratings_count, sum_means, satisfied_count, criterion_sums, updated_at)
                        SELECT t.organization_id, t.n, t.sum_means, t.sat, coalesce(c.sums, '{}'::jsonb), now()
                        FROM totals t LEFT JOIN criteria c USING (organization_id)
                        ON CONFLICT (organization_id) DO UPDATE SET ratings_count = excluded.ratings_count,
                            sum_means = excluded.sum_means, satisfied_count = excluded.satisfied_count,
                            criterion_sums = excluded.criterion_sums, updated_at = excluded.updated_at""")
                .fetch().rowsUpdated();
    }

    public Mono<Totals> totals() {
        return replica.readOne(reads -> reads.sql("""
                        SELECT (SELECT count(*) FROM questionnaire WHERE status = 'PUBLISHED') AS questionnaires,
                               (SELECT count(DISTINCT user_id) FROM questionnaire) AS citizens""")
                .map(row -> new Totals(row.get("questionnaires", Long.class), row.get("citizens", Long.class)))
                .one());
    }

    /** Month by month, the country's published questionnaires. */
    public Flux<Month> byMonth() {
        return replica.read(reads -> reads.sql("""
                        SELECT to_char(date_trunc('month', day), 'YYYY-MM') AS month, sum(questionnaires) AS n,
                               sum(sum_means) / sum(questionnaires) AS score, sum(satisfied) AS sat
                        FROM org_day GROUP BY 1 HAVING sum(questionnaires) > 0 ORDER BY 1""")
                .map(row -> new Month(row.get("month", String.class), row.get("n", Long.class),
                        row.get("score", BigDecimal.class), row.get("sat", Long.class)))
                .all());
    }

    /** Monthly count and mean of an organisation's published questionnaires since {@code from}. */
    public Flux<Month> trend(long organizationId, LocalDate from) {
        return replica.read(reads -> reads.sql("""
                        SELECT to_char(date_trunc('month', day), 'YYYY-MM') AS month, sum(questionnaires) AS n,
                               sum(sum_means) / sum(questionnaires) AS score, sum(satisfied) AS sat
                        FROM org_day WHERE organization_id = :org AND day >= :from
                        GROUP BY 1 HAVING sum(questionnaires) > 0 ORDER BY 1""")
                .bind("org", organizationId).bind("from", from)
                .map(row -> new Month(row.get("month", String.class), row.get("n", Long.class),
                        row.get("score", BigDecimal.class), row.get("sat", Long.class)))
                .all());
    }

    /**
     * The organisations whose mean rose most: the recent period against the one before it, each with at least
     * {@code least} questionnaires in both.
     */
    public Flux<Rise> improved(LocalDate recentFrom, LocalDate beforeFrom, int least, int limit) {
        return replica.read(reads -> reads.sql("""
                        WITH recent AS (
                            SELECT organization_id, sum(sum_means) / sum(questionnaires) AS score FROM org_day
                            WHERE day >= :recent
                            GROUP BY organization_id HAVING sum(questionnaires) >= greatest(:least, 1)),
                        before AS (
                            SELECT organization_id, sum(sum_means) / sum(questionnaires) AS score FROM org_day
                            WHERE day >= :before AND day < :recent
                            GROUP BY organization_id HAVING sum(questionnaires) >= greatest(:least, 1))
                        SELECT r.organization_id, b.score AS before, r.score AS now
                        FROM recent r JOIN before b USING (organization_id)
                        WHERE r.score > b.score
                        ORDER BY r.score - b.score DESC, r.organization_id LIMIT :limit""")
                .bind("recent", recentFrom).bind("before", beforeFrom).bind("least", least).bind("limit", limit)
                .map(row -> new Rise(row.get("organization_id", Long.class), row.get("before", BigDecimal.class),
                        row.get("now", BigDecimal.class)))
                .all());
    }
}

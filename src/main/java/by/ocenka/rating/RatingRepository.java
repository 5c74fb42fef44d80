package by.ocenka.rating;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.RatingRecords.MyRating;
import by.ocenka.rating.RatingRecords.Review;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The rating feature's SQL: questionnaires read back, the truth aggregates are rebuilt from, org_rating. */
@Repository
class RatingRepository {

    /** An organisation's aggregate as PostgreSQL computes it. */
    record Truth(long organizationId, long n, long sumMicro, long satisfied) {
    }

    private final DatabaseClient db;

    RatingRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Every organisation's aggregate over its published questionnaires. */
    Flux<Truth> truth(java.math.BigDecimal satisfiedFrom) {
        return db.sql("""
                        SELECT organization_id, count(*) AS n, sum(mean * 1000000)::bigint AS sum,
                               count(*) FILTER (WHERE mean >= :from) AS sat
                        FROM questionnaire WHERE status = 'PUBLISHED' GROUP BY organization_id""")
                .bind("from", satisfiedFrom)
                .map(row -> new Truth(row.get("organization_id", Long.class), row.get("n", Long.class),
                        row.get("sum", Long.class), row.get("sat", Long.class)))
                .all();
    }

    /** Per organisation and criterion: the sum of scores and their count. */
    Flux<Object[]> criterionTruth() {
        return db.sql("""
                        SELECT q.organization_id, s.key AS code, sum(s.value::int) AS total, count(*) AS n
                        FROM questionnaire q, jsonb_each_text(q.scores) AS s
                        WHERE q.status = 'PUBLISHED' GROUP BY q.organization_id, s.key""")
                .map(row -> new Object[]{row.get("organization_id", Long.class), row.get("code", String.class),
                        row.get("total", Long.class), row.get("n", Long.class)})
                .all();
    }

    /** The reconciled aggregates, for reads while Redis is unreachable. */
    Mono<Map<Long, long[]>> stored(Collection<Long> ids) {
        return db.sql("SELECT organization_id, ratings_count, sum_means, satisfied_count FROM org_rating WHERE organization_id = ANY(:ids)")
                .bind("ids", ids.toArray(Long[]::new))
                .map(row -> Map.entry(row.get("organization_id", Long.class), new long[]{row.get("ratings_count", Long.class),
                        Math.round(row.get("sum_means", Double.class) * Aggregates.MICRO), row.get("satisfied_count", Long.class)}))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    /** Recomputes org_rating from the questionnaires, in one statement. */
    Mono<Long> reconcile(java.math.BigDecimal satisfiedFrom) {
        return db.sql("""
                        WITH totals AS (
                            SELECT organization_id, count(*) AS n, sum(mean) AS sum_means,
                                   count(*) FILTER (WHERE mean >= :from) AS sat
                            FROM questionnaire WHERE status = 'PUBLISHED' GROUP BY organization_id),
                        criteria AS (
                            SELECT organization_id, jsonb_object_agg(code, jsonb_build_array(total, n)) AS sums FROM (
                                SELECT q.organization_id, s.key AS code, sum(s.value::int) AS total, count(*) AS n
                                FROM questionnaire q, jsonb_each_text(q.scores) AS s
                                WHERE q.status = 'PUBLISHED' GROUP BY q.organization_id, s.key) c
                            GROUP BY organization_id)
                        INSERT INTO org_rating (organization_id, ratings_count, sum_means, satisfied_count, criterion_sums, updated_at)
                        SELECT t.organization_id, t.n, t.sum_means, t.sat, coalesce(c.sums, '{}'::jsonb), now()
                        FROM totals t LEFT JOIN criteria c USING (organization_id)
                        ON CONFLICT (organization_id) DO UPDATE SET ratings_count = excluded.ratings_count,
                            sum_means = excluded.sum_means, satisfied_count = excluded.satisfied_count,
                            criterion_sums = excluded.criterion_sums, updated_at = excluded.updated_at""")
                .bind("from", satisfiedFrom)
                .fetch().rowsUpdated();
    }

    /** Published questionnaires of an organisation, newest first, with the author's display name. */
    Mono<Page<Review>> reviews(long organizationId, PageRequest page) {
        return db.sql("""
                        SELECT q.id, q.mean, q.scores::text AS scores, q.service_name, q.service_date, q.comment, q.created_at,
                               u.display_name, count(*) OVER () AS total
                        FROM questionnaire q JOIN app_user u ON u.id = q.user_id
                        WHERE q.organization_id = :org AND q.status = 'PUBLISHED'
                        ORDER BY q.created_at DESC, q.id DESC LIMIT :limit OFFSET :offset""")
                .bind("org", organizationId).bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> new Object[]{new Review(row.get("id", Long.class), row.get("mean", java.math.BigDecimal.class).doubleValue(),
                        scores(row.get("scores", String.class)), row.get("service_name", String.class),
                        row.get("service_date", LocalDate.class), row.get("comment", String.class),
                        row.get("display_name", String.class), row.get("created_at", OffsetDateTime.class), null),
                        row.get("total", Long.class)})
                .all().collectList()
                .map(rows -> new Page<>(rows.stream().map(r -> (Review) r[0]).toList(), page.page(), page.size(),
                        rows.isEmpty() ? 0 : (Long) rows.get(0)[1]));
    }

    /**
     * The latest published questionnaires of an organisation, without a total: the index on (organisation,
     * created_at) gives them without reading a busy organisation's whole history (the count comes from its aggregate).
     */
    Flux<Review> latestReviews(long organizationId, int limit) {
        return db.sql("""
                        SELECT q.id, q.mean, q.scores::text AS scores, q.service_name, q.service_date, q.comment, q.created_at,
                               u.display_name
                        FROM questionnaire q JOIN app_user u ON u.id = q.user_id
                        WHERE q.organization_id = :org AND q.status = 'PUBLISHED'
                        ORDER BY q.created_at DESC, q.id DESC LIMIT :limit""")
                .bind("org", organizationId).bind("limit", limit)
                .map(row -> new Review(row.get("id", Long.class), row.get("mean", java.math.BigDecimal.class).doubleValue(),
                        scores(row.get("scores", String.class)), row.get("service_name", String.class),
                        row.get("service_date", LocalDate.class), row.get("comment", String.class),
                        row.get("display_name", String.class), row.get("created_at", OffsetDateTime.class), null))
                .all();
    }

    Mono<Page<MyRating>> mine(long userId, PageRequest page) {
        return db.sql("""
                        SELECT q.id, q.organization_id, o.name, q.mean, q.scores::text AS scores, q.comment, q.status,
                               q.created_at, count(*) OVER () AS total
                        FROM questionnaire q JOIN organization o ON o.id = q.organization_id
                        WHERE q.user_id = :user ORDER BY q.created_at DESC, q.id DESC LIMIT :limit OFFSET :offset""")
                .bind("user", userId).bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> new Object[]{new MyRating(row.get("id", Long.class), row.get("organization_id", Long.class),
                        row.get("name", String.class), row.get("mean", java.math.BigDecimal.class).doubleValue(),
                        scores(row.get("scores", String.class)), row.get("comment", String.class),
                        row.get("status", String.class), row.get("created_at", OffsetDateTime.class)),
                        row.get("total", Long.class)})
                .all().collectList()
                .map(rows -> new Page<>(rows.stream().map(r -> (MyRating) r[0]).toList(), page.page(), page.size(),
                        rows.isEmpty() ? 0 : (Long) rows.get(0)[1]));
    }

    /** A questionnaire for hiding or restoring: organisation, mean, scores, status. */
    Mono<Object[]> questionnaire(long id) {
        return db.sql("SELECT organization_id, mean, scores::text AS scores, status FROM questionnaire WHERE id = :id")
                .bind("id", id)
                .map(row -> new Object[]{row.get("organization_id", Long.class), row.get("mean", java.math.BigDecimal.class),
                        scores(row.get("scores", String.class)), row.get("status", String.class)})
                .one();
    }

    /** Changes the status; answers whether it changed (so that a repeat does not apply twice). */
    Mono<Boolean> setStatus(long id, String from, String to) {
        return db.sql("UPDATE questionnaire SET status = :to WHERE id = :id AND status = :from")
                .bind("id", id).bind("from", from).bind("to", to)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    Mono<Map<String, Object>> totals() {
        return db.sql("""
                        SELECT (SELECT count(*) FROM questionnaire WHERE status = 'PUBLISHED') AS questionnaires,
                               (SELECT count(DISTINCT user_id) FROM questionnaire) AS citizens""")
                .fetch().one();
    }

    Flux<Object[]> byMonth(java.math.BigDecimal satisfiedFrom) {
        return db.sql("""
                        SELECT to_char(date_trunc('month', local_date), 'YYYY-MM') AS month, count(*) AS n,
                               avg(mean) AS score, count(*) FILTER (WHERE mean >= :from) AS sat
                        FROM questionnaire WHERE status = 'PUBLISHED' GROUP BY 1 ORDER BY 1""")
                .bind("from", satisfiedFrom)
                .map(row -> new Object[]{row.get("month", String.class), row.get("n", Long.class),
                        row.get("score", java.math.BigDecimal.class), row.get("sat", Long.class)})
                .all();
    }

    /** The positions in the latest snapshot of a ranking before {@code today} (what {@code change} is measured against). */
    Mono<Map<Long, Integer>> previousPositions(String scope, long scopeId, List<Long> ids, LocalDate today) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        SELECT organization_id, position FROM rank_snapshot
                        WHERE scope = :scope AND scope_id = :scopeId AND organization_id = ANY(:ids)
                          AND day = (SELECT max(day) FROM rank_snapshot WHERE scope = :scope AND scope_id = :scopeId AND day < :today)""")
                .bind("scope", scope).bind("scopeId", scopeId).bind("ids", ids.toArray(Long[]::new)).bind("today", today)
                .map(row -> Map.entry(row.get("organization_id", Long.class), row.get("position", Integer.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Monthly count and mean of an organisation's published questionnaires since {@code from}. */
    Flux<Object[]> trend(long organizationId, LocalDate from) {
        return db.sql("""
                        SELECT to_char(date_trunc('month', local_date), 'YYYY-MM') AS month, count(*) AS n, avg(mean) AS score
                        FROM questionnaire
                        WHERE organization_id = :org AND status = 'PUBLISHED' AND local_date >= :from
                          AND created_at >= :since
                        GROUP BY 1 ORDER BY 1""")
                // created_at (a day earlier, to cover the time zone) lets the (organisation, created_at) index
                // bound the rows read to the months shown.
                .bind("org", organizationId).bind("from", from)
                .bind("since", from.minusDays(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC))
                .map(row -> new Object[]{row.get("month", String.class), row.get("n", Long.class),
                        row.get("score", java.math.BigDecimal.class)})
                .all();
    }

    /** An organisation's positions per scope in the latest snapshot before {@code today}. */
    Mono<Map<String, Integer>> previousRanks(long organizationId, LocalDate today) {
        return db.sql("""
                        SELECT scope, position FROM rank_snapshot
                        WHERE organization_id = :org
                          AND day = (SELECT max(day) FROM rank_snapshot WHERE organization_id = :org AND day < :today)""")
                .bind("org", organizationId).bind("today", today)
                .map(row -> Map.entry(row.get("scope", String.class), row.get("position", Integer.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * The organisations whose mean rose most: the recent period against the one before it, each with at least
     * {@code least} questionnaires in both. Rows: organisation, mean before, mean now.
     */
    Flux<Object[]> improved(LocalDate recentFrom, LocalDate beforeFrom, int least, int limit) {
        return db.sql("""
                        WITH recent AS (
                            SELECT organization_id, avg(mean) AS score FROM questionnaire
                            WHERE status = 'PUBLISHED' AND local_date >= :recent
                            GROUP BY organization_id HAVING count(*) >= :least),
                        before AS (
                            SELECT organization_id, avg(mean) AS score FROM questionnaire
                            WHERE status = 'PUBLISHED' AND local_date >= :before AND local_date < :recent
                            GROUP BY organization_id HAVING count(*) >= :least)
                        SELECT r.organization_id, b.score AS before, r.score AS now
                        FROM recent r JOIN before b USING (organization_id)
                        WHERE r.score > b.score
                        ORDER BY r.score - b.score DESC, r.organization_id LIMIT :limit""")
                .bind("recent", recentFrom).bind("before", beforeFrom).bind("least", least).bind("limit", limit)
                .map(row -> new Object[]{row.get("organization_id", Long.class),
                        row.get("before", java.math.BigDecimal.class), row.get("now", java.math.BigDecimal.class)})
                .all();
    }

    /** Published questionnaires per organisation: count, sum of means, satisfied (for statistics by sphere). */
    Flux<Truth> perOrganization(java.math.BigDecimal satisfiedFrom) {
        return truth(satisfiedFrom);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Map<String, Integer> scores(String json) {
        return JSON.readValue(json, new TypeReference<java.util.LinkedHashMap<String, Integer>>() { });
    }

    static String json(Map<String, Integer> scores) {
        StringBuilder out = new StringBuilder("{");
        scores.forEach((code, score) -> out.append(out.length() > 1 ? "," : "").append('"').append(code).append("\":").append(score));
        return out.append('}').toString();
    }


}

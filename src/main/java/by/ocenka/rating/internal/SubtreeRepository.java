package by.ocenka.rating.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.platform.Minsk;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.SubtreeRecords.QuestionnaireFilter;
import by.ocenka.rating.SubtreeRecords.ReplyFigures;
import by.ocenka.rating.SubtreeRecords.StaffQuestionnaire;
import by.ocenka.rating.SubtreeRecords.Sums;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The questionnaires and figures of an organisation's subtree (what the cabinet reads, through
 * {@code SubtreeQuestionnaires} and {@code SubtreeFigures}). The subtree is the catalogue's published read model
 * {@code org_closure} (one indexed range per body, however many units it has); figures are sums over the daily
 * per-organisation aggregates ({@code org_day}), never a scan of questionnaires.
 */
@Repository
public class SubtreeRepository {

    private static final String COLUMNS = "q.id, q.organization_id, q.user_id, q.mean, q.scores::text AS scores, "
            + "q.service_name, q.service_date, q.comment, q.author_name, q.created_at, q.status, q.replied_at, q.employee";

    private static final String REPLY_FIGURES = """
            SELECT count(*) AS due, count(q.replied_at) AS answered,
                   count(*) FILTER (WHERE q.replied_at IS NULL
                                      AND q.created_at + make_interval(days => :days) < now()) AS overdue,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM q.replied_at - q.created_at))
                       / 3600 AS median_hours
            """;

    private final DatabaseClient db;

    SubtreeRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A page of the subtree's questionnaires, newest first, with the total. */
    public Mono<Map.Entry<List<StaffQuestionnaire>, Long>> feed(long rootId, QuestionnaireFilter filter, PageRequest page) {
        List<String> where = new ArrayList<>(List.of("c.ancestor_id = :root"));
        Map<String, Object> binds = new LinkedHashMap<>(Map.of("root", rootId));
        if (filter.unit() != null) {
            where.add("q.organization_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = :unit)");
            binds.put("unit", filter.unit());
        }
        if (filter.from() != null) {
            where.add("q.created_at >= :from");
            binds.put("from", filter.from().atStartOfDay(Minsk.ZONE).toOffsetDateTime());
        }
        if (filter.to() != null) {
            where.add("q.created_at < :to");
            binds.put("to", filter.to().plusDays(1).atStartOfDay(Minsk.ZONE).toOffsetDateTime());
        }
        if (filter.maxMean() != null) {
            where.add("q.mean <= :maxMean");
            binds.put("maxMean", filter.maxMean());
        }
        if (filter.withComment() != null) {
            where.add(filter.withComment() ? "q.comment IS NOT NULL" : "q.comment IS NULL");
        }
        if (filter.replied() != null) {
            where.add(filter.replied() ? "q.replied_at IS NOT NULL" : "q.replied_at IS NULL");
        }
        String from = " FROM org_closure c JOIN questionnaire q ON q.organization_id = c.descendant_id "
                + "WHERE " + String.join(" AND ", where);
        DatabaseClient.GenericExecuteSpec rows = db.sql("SELECT " + COLUMNS + from
                + " ORDER BY q.id DESC LIMIT :limit OFFSET :offset");
        DatabaseClient.GenericExecuteSpec count = db.sql("SELECT count(*) AS total" + from);
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            rows = rows.bind(bind.getKey(), bind.getValue());
            count = count.bind(bind.getKey(), bind.getValue());
        }
        return Mono.zip(rows.bind("limit", page.size()).bind("offset", page.offset()).map(SubtreeRepository::row).all().collectList(),
                count.map(row -> row.get("total", Long.class)).one())
                .map(t -> Map.entry(t.getT1(), t.getT2()));
    }

    /** The newest questionnaire's id (0 when there is none): where a fresh live stream says it starts. */
    public Mono<Long> newestId() {
        return db.sql("SELECT coalesce(max(id), 0) AS id FROM questionnaire").map(row -> row.get("id", Long.class)).one();
    }

    /**
     * The subtree's questionnaires after this id, oldest first (a live stream resuming after {@code Last-Event-ID}); never
     * the old portal's history, which was not live.
     */
    public Flux<StaffQuestionnaire> after(long rootId, long afterId, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM org_closure c JOIN questionnaire q ON q.organization_id = c.descendant_id "
                        + "WHERE c.ancestor_id = :root AND q.id > :after AND q.user_id IS NOT NULL "
                        // As the live path: what fair play holds arrives when a moderator releases it, never before.
                        + "AND q.status NOT IN ('HELD', 'REJECTED') ORDER BY q.id LIMIT :limit")
                .bind("root", rootId).bind("after", afterId).bind("limit", limit)
                .map(SubtreeRepository::row).all();
    }

    /** Every questionnaire of the subtree created in [from, to) (a stream for exports, oldest first). */
    public Flux<StaffQuestionnaire> period(long rootId, OffsetDateTime from, OffsetDateTime to) {
        return db.sql("SELECT " + COLUMNS + " FROM org_closure c JOIN questionnaire q ON q.organization_id = c.descendant_id "
                        + "WHERE c.ancestor_id = :root AND q.created_at >= :from AND q.created_at < :to "
                        + "ORDER BY q.created_at, q.id")
                .bind("root", rootId).bind("from", from).bind("to", to)
                .map(SubtreeRepository::row).all();
    }

    /** These questionnaires with each one's organisation and the bodies above it (one query for a batch of events). */
    public Flux<Map.Entry<StaffQuestionnaire, List<Long>>> withAncestors(List<Long> ids) {
        return db.sql("SELECT " + COLUMNS + ", (SELECT array_agg(a.ancestor_id) FROM org_closure a "
                        + "WHERE a.descendant_id = q.organization_id) AS ancestors FROM questionnaire q "
                        + "WHERE q.id = ANY(:ids) ORDER BY q.id")
                .bind("ids", ids.toArray(Long[]::new))
                .map(row -> Map.entry(row(row), List.of(row.get("ancestors", Long[].class))))
                .all();
    }

    public Mono<StaffQuestionnaire> questionnaire(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM questionnaire q WHERE q.id = :id")
                .bind("id", id).map(SubtreeRepository::row).one();
    }

    /**
     * The subtree's published questionnaires of [from, to) by the service they name (null: none), the most named 50
     * first. Read from the questionnaires themselves (the daily sums keep no services): the period's partitions only.
     */
    public Flux<Map.Entry<String, Sums>> byService(long rootId, OffsetDateTime from, OffsetDateTime to,
                                                   BigDecimal satisfiedFrom) {
        return db.sql("""
                        SELECT q.service_name AS service, count(*) AS n, (sum(q.mean) * 1000000)::bigint AS sum,
                               count(*) FILTER (WHERE q.mean >= :satisfied) AS sat
                        FROM org_closure c JOIN questionnaire q ON q.organization_id = c.descendant_id
                        WHERE c.ancestor_id = :root AND q.created_at >= :from AND q.created_at < :to
                          AND q.status NOT IN ('HELD', 'REJECTED')
                        GROUP BY q.service_name ORDER BY n DESC, q.service_name LIMIT 50""")
                .bind("root", rootId).bind("from", from).bind("to", to).bind("satisfied", satisfiedFrom)
                .map(row -> new AbstractMap.SimpleImmutableEntry<>(row.get("service", String.class),
                        new Sums(row.get("n", Long.class), row.get("sum", Long.class), row.get("sat", Long.class))))
                .all()
                .map(entry -> (Map.Entry<String, Sums>) entry);
    }

    /** The subtree's sums over [from, to] (Minsk days). */
    public Mono<Sums> total(long rootId, LocalDate from, LocalDate to) {
        return db.sql("""
                        SELECT coalesce(sum(d.questionnaires), 0)::bigint AS n,
                               coalesce(sum(d.sum_means) * 1000000, 0)::bigint AS sum,
                               coalesce(sum(d.satisfied), 0)::bigint AS sat
                        FROM org_closure c JOIN org_day d ON d.organization_id = c.descendant_id
                        WHERE c.ancestor_id = :root AND d.day BETWEEN :from AND :to""")
                .bind("root", rootId).bind("from", from).bind("to", to)
                .map(SubtreeRepository::sums).one();
    }

    /** The subtree's criteria over [from, to]: code → [sum of scores, count]. */
    public Mono<Map<String, long[]>> criteria(long rootId, LocalDate from, LocalDate to) {
        return db.sql("""
                        SELECT e.key AS code, sum((e.value ->> 0)::bigint)::bigint AS total, sum((e.value ->> 1)::bigint)::bigint AS n
                        FROM org_closure c JOIN org_day d ON d.organization_id = c.descendant_id, jsonb_each(d.criteria) e
                        WHERE c.ancestor_id = :root AND d.day BETWEEN :from AND :to
                        GROUP BY e.key ORDER BY e.key""")
                .bind("root", rootId).bind("from", from).bind("to", to)
                .map(row -> Map.entry(row.get("code", String.class), new long[] {row.get("total", Long.class), row.get("n", Long.class)}))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }

    /** The subtree's sums per month over [from, to], oldest first. */
    public Flux<Map.Entry<String, Sums>> byMonth(long rootId, LocalDate from, LocalDate to) {
        return db.sql("""
                        SELECT to_char(date_trunc('month', d.day), 'YYYY-MM') AS month, sum(d.questionnaires)::bigint AS n,
                               (sum(d.sum_means) * 1000000)::bigint AS sum, sum(d.satisfied)::bigint AS sat
                        FROM org_closure c JOIN org_day d ON d.organization_id = c.descendant_id
                        WHERE c.ancestor_id = :root AND d.day BETWEEN :from AND :to
                        GROUP BY 1 ORDER BY 1""")
                .bind("root", rootId).bind("from", from).bind("to", to)
                .map(row -> Map.entry(row.get("month", String.class), sums(row))).all();
    }

    /** Each organisation of the subtree with questionnaires in [from, to]: its own sums. */
    public Mono<Map<Long, Sums>> units(long rootId, LocalDate from, LocalDate to) {
        return db.sql("""
                        SELECT d.organization_id, sum(d.questionnaires)::bigint AS n, (sum(d.sum_means) * 1000000)::bigint AS sum,
                               sum(d.satisfied)::bigint AS sat
                        FROM org_closure c JOIN org_day d ON d.organization_id = c.descendant_id
                        WHERE c.ancestor_id = :root AND d.day BETWEEN :from AND :to
                        GROUP BY d.organization_id HAVING sum(d.questionnaires) > 0""")
                .bind("root", rootId).bind("from", from).bind("to", to)
                .map(row -> Map.entry(row.get("organization_id", Long.class), sums(row)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Marks the questionnaire answered (once: the first reply's moment); answers its organisation, empty when unknown. */
    public Mono<Long> markReplied(long questionnaireId, OffsetDateTime at) {
        return db.sql("""
                        UPDATE questionnaire SET replied_at = coalesce(replied_at, :at) WHERE id = :id
                        RETURNING organization_id""")
                .bind("id", questionnaireId).bind("at", at)
                .map(row -> row.get("organization_id", Long.class)).one();
    }

    /**
     * Every questionnaire asking for a reply (one with a comment; not the old portal's history) created before this
     * moment, by id.
     */
    public Flux<StaffQuestionnaire> askingForReply(OffsetDateTime createdBefore) {
        return db.sql("SELECT " + COLUMNS + " FROM questionnaire q WHERE q.comment IS NOT NULL "
                        + "AND q.user_id IS NOT NULL AND q.created_at < :before ORDER BY q.id")
                .bind("before", createdBefore).map(SubtreeRepository::row).all();
    }

    /** Marks many questionnaires answered at once (each keeps its first moment). */
    public Mono<Void> markReplied(Map<Long, OffsetDateTime> moments) {
        if (moments.isEmpty()) {
            return Mono.empty();
        }
        List<Long> ids = List.copyOf(moments.keySet());
        return db.sql("""
                        UPDATE questionnaire q SET replied_at = coalesce(q.replied_at, m.at)
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:at AS timestamptz[])) AS m(id, at) WHERE q.id = m.id""")
                .bind("ids", ids.toArray(Long[]::new))
                .bind("at", ids.stream().map(moments::get).toArray(OffsetDateTime[]::new))
                .then();
    }

    /**
     * The reply figures of the published questionnaires asked to reply to (those with a comment; the old portal's
     * history asks for no reply) in an organisation's whole subtree (by the catalogue's published {@code org_closure}),
     * created in [from, to).
     */
    public Mono<ReplyFigures> replyFigures(long rootId, OffsetDateTime from, OffsetDateTime to, int replyDays) {
        return db.sql(REPLY_FIGURES + """
                        FROM org_closure c
                        JOIN questionnaire q ON q.organization_id = c.descendant_id
                        WHERE c.ancestor_id = :root AND q.status = 'PUBLISHED'
                          AND q.comment IS NOT NULL AND q.user_id IS NOT NULL
                          AND q.created_at >= :from AND q.created_at < :to""")
                .bind("root", rootId).bind("from", from).bind("to", to).bind("days", replyDays)
                .map(SubtreeRepository::replyFigures)
                .one();
    }

    /**
     * The same figures of one organisation's own questionnaires of the past year, as its public page shows them. The
     * year is PostgreSQL's {@code now()}, not a bound parameter: with only the organisation as a parameter the
     * statement gets a generic plan (pruned to the year's partitions as it starts), where a time range bound as values
     * is planned afresh at every execution, over every monthly partition (21 ms of planning a first page render, with
     * the old portal's history: docs/PERFORMANCE.md).
     */
    public Mono<ReplyFigures> ownReplyFiguresOfThePastYear(long organizationId, int replyDays) {
        return db.sql(REPLY_FIGURES + """
                        FROM questionnaire q
                        WHERE q.organization_id = :org AND q.status = 'PUBLISHED'
                          AND q.comment IS NOT NULL AND q.user_id IS NOT NULL
                          AND q.created_at >= now() - interval '1 year' AND q.created_at < now()""")
                .bind("org", organizationId).bind("days", replyDays)
                .map(SubtreeRepository::replyFigures)
                .one();
    }

    private static ReplyFigures replyFigures(Readable row) {
        Double median = row.get("median_hours", Double.class);
        return new ReplyFigures(row.get("due", Long.class), row.get("answered", Long.class),
                row.get("overdue", Long.class), median == null ? null : Math.round(median * 10) / 10.0);
    }

    private static Sums sums(Readable row) {
        return new Sums(row.get("n", Long.class), row.get("sum", Long.class), row.get("sat", Long.class));
    }

    private static StaffQuestionnaire row(Readable row) {
        return new StaffQuestionnaire(row.get("id", Long.class), row.get("organization_id", Long.class), row.get("user_id", Long.class),
                row.get("mean", BigDecimal.class).doubleValue(), ScoresJson.read(row.get("scores", String.class)),
                row.get("service_name", String.class), row.get("service_date", LocalDate.class),
                row.get("comment", String.class), row.get("author_name", String.class),
                row.get("created_at", OffsetDateTime.class), row.get("status", String.class),
                row.get("replied_at", OffsetDateTime.class), row.get("employee", String.class));
    }
}

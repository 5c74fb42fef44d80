package by.ocenka.rating.internal;

import java.time.LocalDate;
import java.util.List;

import by.ocenka.rating.Theme;
import by.ocenka.rating.ThemeRecords.ThemeTerm;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The comments' themes: tagging (questionnaire.themes), the moderators' vocabulary and the figures by theme. */
@Repository
public class ThemeRepository {

    /** The comments counted: shown (published, not hidden by a moderator) and tagged. */
    private static final int LAST_BIT = Theme.values().length - 1;
    private static final String SHOWN = "q.status = 'PUBLISHED' AND q.comment_hidden IS NULL AND q.themes IS NOT NULL";

    private final DatabaseClient db;

    ThemeRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A comment to tag. */
    record Untagged(long id, LocalDate localDate, String comment, Integer themes) {
    }

    /** A bit of the themes with the count and the sum of means of the comments that have it, in a month or overall. */
    public record BitFigures(int bit, String month, long count, double sumMeans) {
    }

    /** The next comments without themes, locked so that another instance takes others. In a transaction. */
    Flux<Untagged> lockUntagged(int limit) {
        return db.sql("""
                        SELECT id, local_date, comment FROM questionnaire
                        WHERE comment IS NOT NULL AND themes IS NULL
                        ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("limit", limit)
                .map(row -> new Untagged(row.get("id", Long.class), row.get("local_date", LocalDate.class),
                        row.get("comment", String.class), null))
                .all();
    }

    /** The commented questionnaires after this id (a sweep after the vocabulary changed), with their themes. */
    Flux<Untagged> commentedAfter(long afterId, int limit) {
        return db.sql("""
                        SELECT id, local_date, comment, themes FROM questionnaire
                        WHERE comment IS NOT NULL AND id > :after ORDER BY id LIMIT :limit""")
                .bind("after", afterId).bind("limit", limit)
                .map(row -> new Untagged(row.get("id", Long.class), row.get("local_date", LocalDate.class),
                        row.get("comment", String.class), row.get("themes", Integer.class)))
                .all();
    }

    /** Writes these themes, one statement for the batch. */
    Mono<Long> store(List<Long> ids, List<LocalDate> dates, List<Integer> themes) {
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                        UPDATE questionnaire q SET themes = t.themes
                        FROM unnest(:ids::bigint[], :dates::date[], :themes::integer[]) AS t(id, local_date, themes)
                        WHERE q.id = t.id AND q.local_date = t.local_date""")
                .bind("ids", ids.toArray(Long[]::new))
                .bind("dates", dates.toArray(LocalDate[]::new))
                .bind("themes", themes.toArray(Integer[]::new))
                .fetch().rowsUpdated();
    }

    /** The vocabulary's version and the sweep's place (null: no sweep), the row locked. In a transaction. */
    Mono<long[]> lockRetag() {
        return db.sql("SELECT version, after_id FROM theme_retag WHERE id = 1 FOR UPDATE")
                .map(row -> {
                    Long after = row.get("after_id", Long.class);
                    return after == null ? new long[] {row.get("version", Integer.class)}
                            : new long[] {row.get("version", Integer.class), after};
                })
                .one();
    }

    Mono<Integer> version() {
        return db.sql("SELECT coalesce((SELECT version FROM theme_retag WHERE id = 1), 0) AS version")
                .map(row -> row.get("version", Integer.class)).one();
    }

    /** Moves the sweep on (null: done). */
    Mono<Void> sweptTo(Long afterId) {
        var spec = db.sql("UPDATE theme_retag SET after_id = :after WHERE id = 1");
        return (afterId == null ? spec.bindNull("after", Long.class) : spec.bind("after", afterId)).then();
    }

    /** A new vocabulary: the version moves on and every comment is tagged again from the first. */
    public Mono<Void> vocabularyChanged() {
        return db.sql("""
                        INSERT INTO theme_retag (id, version, after_id) VALUES (1, nextval('theme_vocabulary_version'), %1$d)
                        ON CONFLICT (id) DO UPDATE SET version = excluded.version, after_id = %1$d""".formatted(Long.MIN_VALUE))
                .then();
    }

    public Flux<ThemeTerm> terms() {
        return db.sql("SELECT id, theme, term, added_at FROM theme_term ORDER BY theme, term")
                .map(row -> new ThemeTerm(row.get("id", Long.class), row.get("theme", String.class),
                        row.get("term", String.class), row.get("added_at", java.time.OffsetDateTime.class)))
                .all();
    }

    /** Adds a term; empty when the theme has it already. */
    public Mono<Long> addTerm(String theme, String term, long userId) {
        return db.sql("""
                        INSERT INTO theme_term (theme, term, added_by) VALUES (:theme, :term, :user)
                        ON CONFLICT ON CONSTRAINT theme_term_unique DO NOTHING RETURNING id""")
                .bind("theme", theme).bind("term", term).bind("user", userId)
                .map(row -> row.get("id", Long.class)).one();
    }

    /** Removes a term: the number of rows removed. */
    public Mono<Long> removeTerm(long id) {
        return db.sql("DELETE FROM theme_term WHERE id = :id").bind("id", id).fetch().rowsUpdated();
    }

    /** Per theme bit, the organisation's shown comments of [from, to]. */
    public Flux<BitFigures> ofOrganization(long organizationId, LocalDate from, LocalDate to) {
        return db.sql("""
                        SELECT b AS bit, count(*) AS n, sum(q.mean)::float8 AS s
                        FROM questionnaire q CROSS JOIN generate_series(0, %d) AS b
                        WHERE q.organization_id = :id AND q.local_date BETWEEN :from AND :to AND %s
                          AND q.themes & (1 << b) <> 0
                        GROUP BY b""".formatted(LAST_BIT, SHOWN))
                .bind("id", organizationId).bind("from", from).bind("to", to)
                .map(row -> new BitFigures(row.get("bit", Integer.class), null, row.get("n", Long.class),
                        row.get("s", Double.class)))
                .all();
    }

    /** The organisation's shown, tagged comments of [from, to]. */
    public Mono<Long> commentsOfOrganization(long organizationId, LocalDate from, LocalDate to) {
        return db.sql("SELECT count(*) AS n FROM questionnaire q WHERE q.organization_id = :id "
                        + "AND q.local_date BETWEEN :from AND :to AND " + SHOWN)
                .bind("id", organizationId).bind("from", from).bind("to", to)
                .map(row -> row.get("n", Long.class)).one();
    }

    /** Per theme bit, the subtree's shown comments of [from, to], overall (month null) and per month. */
    public Flux<BitFigures> ofSubtree(long rootId, LocalDate from, LocalDate to) {
        return db.sql("""
                        SELECT b AS bit, to_char(date_trunc('month', q.local_date), 'YYYY-MM') AS month,
                               count(*) AS n, sum(q.mean)::float8 AS s, GROUPING(date_trunc('month', q.local_date)) AS overall
                        FROM org_closure c JOIN questionnaire q ON q.organization_id = c.descendant_id
                             CROSS JOIN generate_series(0, %d) AS b
                        WHERE c.ancestor_id = :root AND q.local_date BETWEEN :from AND :to AND %s
                          AND q.themes & (1 << b) <> 0
                        GROUP BY GROUPING SETS ((b), (b, date_trunc('month', q.local_date)))""".formatted(LAST_BIT, SHOWN))
                .bind("root", rootId).bind("from", from).bind("to", to)
                .map(row -> new BitFigures(row.get("bit", Integer.class),
                        row.get("overall", Integer.class) == 1 ? null : row.get("month", String.class),
                        row.get("n", Long.class), row.get("s", Double.class)))
                .all();
    }

    /** The subtree's shown, tagged comments of [from, to]. */
    public Mono<Long> commentsOfSubtree(long rootId, LocalDate from, LocalDate to) {
        return db.sql("""
                        SELECT count(*) AS n FROM org_closure c JOIN questionnaire q ON q.organization_id = c.descendant_id
                        WHERE c.ancestor_id = :root AND q.local_date BETWEEN :from AND :to AND %s""".formatted(SHOWN))
                .bind("root", rootId).bind("from", from).bind("to", to)
                .map(row -> row.get("n", Long.class)).one();
    }

    /** The organisation's shown comments of [from, to) that speak of this theme bit: count and sum of means. */
    public Mono<BitFigures> window(long organizationId, int bit, LocalDate from, LocalDate toExclusive) {
        return db.sql("""
                        SELECT count(*) AS n, coalesce(sum(q.mean), 0)::float8 AS s FROM questionnaire q
                        WHERE q.organization_id = :id AND q.local_date >= :from AND q.local_date < :to AND %s
                          AND q.themes & :bits <> 0""".formatted(SHOWN))
                .bind("id", organizationId).bind("from", from).bind("to", toExclusive).bind("bits", 1 << bit)
                .map(row -> new BitFigures(bit, null, row.get("n", Long.class), row.get("s", Double.class)))
                .one();
    }

    /** The authors (accounts) of the organisation's comments of [from, to) that speak of this theme bit. */
    public Flux<Long> authors(long organizationId, int bit, LocalDate from, LocalDate toExclusive) {
        return db.sql("""
                        SELECT DISTINCT q.user_id FROM questionnaire q
                        WHERE q.organization_id = :id AND q.local_date >= :from AND q.local_date < :to AND %s
                          AND q.themes & :bits <> 0 AND q.user_id IS NOT NULL""".formatted(SHOWN))
                .bind("id", organizationId).bind("from", from).bind("to", toExclusive).bind("bits", 1 << bit)
                .map(row -> row.get("user_id", Long.class)).all();
    }
}

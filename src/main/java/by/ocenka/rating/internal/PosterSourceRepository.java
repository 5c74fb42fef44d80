package by.ocenka.rating.internal;

import java.time.LocalDate;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The posters' counts by month (table {@code poster_source_month}, the rating feature's). */
@Repository
public class PosterSourceRepository {

    /** What one organisation's poster added in a month. */
    public record Added(long organizationId, LocalDate month, String source, long opened, long rated) {
    }

    /** A poster label's counts over a subtree and period. */
    public record Totals(String source, long opened, long rated) {
    }

    private final DatabaseClient db;

    PosterSourceRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Adds the counts, one statement for all of them. */
    public Mono<Void> add(List<Added> added) {
        if (added.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO poster_source_month (organization_id, month, source, opened, rated)
                        SELECT * FROM unnest(:organizations::bigint[], :months::date[], :sources::varchar[],
                                             :opened::bigint[], :rated::bigint[])
                        ON CONFLICT (organization_id, month, source) DO UPDATE
                        SET opened = poster_source_month.opened + EXCLUDED.opened,
                            rated = poster_source_month.rated + EXCLUDED.rated""")
                .bind("organizations", added.stream().map(Added::organizationId).toArray(Long[]::new))
                .bind("months", added.stream().map(Added::month).toArray(LocalDate[]::new))
                .bind("sources", added.stream().map(Added::source).toArray(String[]::new))
                .bind("opened", added.stream().map(Added::opened).toArray(Long[]::new))
                .bind("rated", added.stream().map(Added::rated).toArray(Long[]::new))
                .then();
    }

    /** Whether any poster was counted (demo data). */
    public Mono<Boolean> any() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM poster_source_month) AS found")
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    /** The subtree's posters over the months from {@code from} to {@code to}, the most opened first (at most 50). */
    public Flux<Totals> ofSubtree(long rootId, LocalDate from, LocalDate to) {
        return db.sql("""
                        SELECT p.source, sum(p.opened)::bigint AS opened, sum(p.rated)::bigint AS rated
                        FROM org_closure c JOIN poster_source_month p ON p.organization_id = c.descendant_id
                        WHERE c.ancestor_id = :root AND p.month BETWEEN :from AND :to
                        GROUP BY p.source ORDER BY opened DESC, p.source LIMIT 50""")
                .bind("root", rootId).bind("from", from.withDayOfMonth(1)).bind("to", to.withDayOfMonth(1))
                .map(row -> new Totals(row.get("source", String.class), row.get("opened", Long.class),
                        row.get("rated", Long.class)))
                .all();
    }
}

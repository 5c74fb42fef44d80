package by.ocenka.rating.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Daily rank snapshots ({@code rank_snapshot}): what a ranking's {@code change} is measured against. */
@Repository
public class SnapshotRepository {

    private final DatabaseClient db;

    SnapshotRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The positions in the latest snapshot of a ranking before {@code today}. */
    public Mono<Map<Long, Integer>> previousPositions(String scope, long scopeId, List<Long> ids, LocalDate today) {
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

    /** An organisation's positions per scope in the latest snapshot before {@code today}. */
    public Mono<Map<String, Integer>> previousRanks(long organizationId, LocalDate today) {
        return db.sql("""
                        SELECT scope, position FROM rank_snapshot
                        WHERE organization_id = :org
                          AND day = (SELECT max(day) FROM rank_snapshot WHERE organization_id = :org AND day < :today)""")
                .bind("org", organizationId).bind("today", today)
                .map(row -> Map.entry(row.get("scope", String.class), row.get("position", Integer.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    Mono<Boolean> taken(LocalDate day) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM rank_snapshot WHERE day = :day) AS taken").bind("day", day)
                .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class))).one();
    }

    /** One ranking's positions on a day, best first; a second insert of the same day adds nothing. */
    Mono<Void> insert(LocalDate day, String scope, long scopeId, List<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO rank_snapshot (day, scope, scope_id, organization_id, position)
                        SELECT :day, :scope, :scopeId, u.id, u.position
                        FROM unnest(:ids::bigint[], :positions::int[]) AS u(id, position)
                        ON CONFLICT DO NOTHING""")
                .bind("day", day).bind("scope", scope).bind("scopeId", scopeId)
                .bind("ids", ids.toArray(Long[]::new))
                .bind("positions", IntStream.rangeClosed(1, ids.size()).boxed().toArray(Integer[]::new))
                .then();
    }
}

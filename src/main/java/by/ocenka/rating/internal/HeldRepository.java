package by.ocenka.rating.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.RatingRecords.HeldFigures;
import by.ocenka.rating.RatingRecords.HeldGroup;
import by.ocenka.rating.RatingRecords.HeldQuestionnaire;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The questionnaires fair play stopped (status HELD while waiting, REJECTED or PUBLISHED once decided; hold_reason
 * says why). Every query here reads the partial index {@code questionnaire_held}, so an organisation's busy history
 * is never scanned for its few held ones.
 */
@Repository
public class HeldRepository {

    private final DatabaseClient db;

    HeldRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Held now, by reason, and rejected in all, of one organisation. */
    public Mono<HeldFigures> figures(long organizationId) {
        return db.sql("""
                        SELECT status, hold_reason, count(*) AS n FROM questionnaire
                        WHERE organization_id = :org AND hold_reason IS NOT NULL AND status IN ('HELD', 'REJECTED')
                        GROUP BY status, hold_reason""")
                .bind("org", organizationId)
                .map(row -> new Object[] {row.get("status", String.class), row.get("hold_reason", String.class),
                        row.get("n", Long.class)})
                .all()
                .collectList()
                .map(rows -> {
                    Map<String, Long> held = new HashMap<>();
                    long heldTotal = 0;
                    long rejected = 0;
                    for (Object[] row : rows) {
                        long n = (Long) row[2];
                        if ("HELD".equals(row[0])) {
                            held.merge((String) row[1], n, Long::sum);
                            heldTotal += n;
                        } else {
                            rejected += n;
                        }
                    }
                    // In the order reasons are judged, so that the page lists them the same way every time.
                    Map<String, Long> ordered = new LinkedHashMap<>();
                    FairPlay.REASONS.stream().filter(held::containsKey).forEach(r -> ordered.put(r, held.get(r)));
                    return heldTotal == 0 && rejected == 0 ? HeldFigures.NONE : new HeldFigures(heldTotal, ordered, rejected);
                });
    }

    /** What waits for the moderators, one group per organisation and reason, the latest burst first. */
    public Flux<HeldGroup> groups(int limit) {
        return db.sql("""
                        SELECT organization_id, hold_reason, count(*) AS n, min(created_at) AS first_at, max(created_at) AS last_at
                        FROM questionnaire WHERE hold_reason IS NOT NULL AND status = 'HELD'
                        GROUP BY organization_id, hold_reason ORDER BY last_at DESC LIMIT :limit""")
                .bind("limit", limit)
                .map(row -> new HeldGroup(row.get("organization_id", Long.class), null, row.get("hold_reason", String.class),
                        row.get("n", Long.class), row.get("first_at", OffsetDateTime.class),
                        row.get("last_at", OffsetDateTime.class)))
                .all();
    }

    /** Held questionnaires, newest first; of one organisation and reason when given. */
    public Mono<Page<HeldQuestionnaire>> held(Long organizationId, String reason, PageRequest page) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        SELECT id, organization_id, hold_reason, mean, scores::text AS scores, comment, created_at,
                               count(*) OVER () AS total
                        FROM questionnaire
                        WHERE hold_reason IS NOT NULL AND status = 'HELD'
                          AND (CAST(:org AS bigint) IS NULL OR organization_id = :org)
                          AND (CAST(:reason AS text) IS NULL OR hold_reason = :reason)
                        ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
                .bind("limit", page.size()).bind("offset", page.offset());
        spec = organizationId == null ? spec.bindNull("org", Long.class) : spec.bind("org", organizationId);
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        return spec.map(row -> Map.entry(new HeldQuestionnaire(row.get("id", Long.class),
                                row.get("organization_id", Long.class), null, row.get("hold_reason", String.class),
                                row.get("mean", BigDecimal.class).doubleValue(), ScoresJson.read(row.get("scores", String.class)),
                                row.get("comment", String.class), row.get("created_at", OffsetDateTime.class)),
                        row.get("total", Long.class)))
                .all()
                .as(rows -> Page.counted(rows, page));
    }

    /** The ids of one organisation's held questionnaires for one reason (a burst decided at once). */
    public Flux<Long> heldIds(long organizationId, String reason) {
        return db.sql("""
                        SELECT id FROM questionnaire
                        WHERE organization_id = :org AND hold_reason = :reason AND status = 'HELD' ORDER BY id""")
                .bind("org", organizationId).bind("reason", reason)
                .map(row -> row.get("id", Long.class))
                .all();
    }
}

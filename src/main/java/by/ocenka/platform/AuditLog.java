package by.ocenka.platform;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who did what, when: every cabinet action (a reply, a colleague added, criteria changed) is written here, naming the
 * organisation it concerns, so that the organisation's admins, and those of the bodies above it, can read it.
 */
@Service
public class AuditLog {

    /** One entry as an admin reads it. */
    @Schema(name = "AuditEntry")
    public record Entry(long id, OffsetDateTime occurredAt, @Schema(nullable = true) Long actorId, String action,
                        @Schema(nullable = true) String subject, @Schema(nullable = true) Long organizationId,
                        @Schema(nullable = true, description = "JSON") String details) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DatabaseClient db;

    AuditLog(DatabaseClient db) {
        this.db = db;
    }

    /** Writes an entry (in the caller's transaction, if any). */
    public Mono<Void> record(long actorId, String action, String subject, Long organizationId, Map<String, ?> details) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO audit_event (actor_id, action, subject, organization_id, details)
                        VALUES (:actor, :action, :subject, :organization, CAST(:details AS jsonb))""")
                .bind("actor", actorId).bind("action", action).bind("subject", subject)
                .bind("details", JSON.writeValueAsString(details));
        spec = organizationId == null ? spec.bindNull("organization", Long.class) : spec.bind("organization", organizationId);
        return spec.then();
    }

    /** The entries about these organisations (a subtree, as the caller resolved it), newest first. */
    public Mono<Page<Entry>> about(List<Long> organizationIds, PageRequest page) {
        return db.sql("""
                        SELECT a.id, a.occurred_at, a.actor_id, a.action, a.subject, a.organization_id,
                               a.details::text AS details, count(*) OVER () AS total
                        FROM audit_event a
                        WHERE a.organization_id = ANY(:organizations)
                        ORDER BY a.occurred_at DESC, a.id DESC LIMIT :limit OFFSET :offset""")
                .bind("organizations", organizationIds.toArray(Long[]::new)).bind("limit", page.size())
                .bind("offset", page.offset())
                .map(row -> Map.entry(new Entry(row.get("id", Long.class), row.get("occurred_at", OffsetDateTime.class),
                        row.get("actor_id", Long.class), row.get("action", String.class), row.get("subject", String.class),
                        row.get("organization_id", Long.class), row.get("details", String.class)), row.get("total", Long.class)))
                .all()
                .as(rows -> Page.counted(rows, page));
    }
}

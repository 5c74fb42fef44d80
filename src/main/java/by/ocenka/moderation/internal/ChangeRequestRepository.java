package by.ocenka.moderation.internal;

import java.time.OffsetDateTime;
import java.util.Map;

import by.ocenka.moderation.OrganizationRequests.Status;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The org_change_request table's SQL. */
@Repository
public class ChangeRequestRepository {

    /** A request as stored: what it asks for (null: unchanged), by whom, and the decision. */
    public record Row(long id, long organizationId, long userId, String name, String unp, Long parentId, String comment,
                      Status status, String reason, OffsetDateTime createdAt, OffsetDateTime decidedAt) {
    }

    private static final String COLUMNS = "id, organization_id, user_id, name, unp, parent_id, comment, status, reason, "
            + "created_at, decided_at";

    private final DatabaseClient db;

    ChangeRequestRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Row> insert(long organizationId, long userId, String name, String unp, Long parentId, String comment) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO org_change_request (organization_id, user_id, name, "
                        + "unp, parent_id, comment) VALUES (:organization, :user, :name, :unp, :parent, :comment) "
                        + "RETURNING " + COLUMNS)
                .bind("organization", organizationId).bind("user", userId).bind("comment", comment);
        spec = name == null ? spec.bindNull("name", String.class) : spec.bind("name", name);
        spec = unp == null ? spec.bindNull("unp", String.class) : spec.bind("unp", unp);
        spec = parentId == null ? spec.bindNull("parent", Long.class) : spec.bind("parent", parentId);
        return spec.map(ChangeRequestRepository::row).one();
    }

    public Mono<Row> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM org_change_request WHERE id = :id").bind("id", id)
                .map(ChangeRequestRepository::row).one();
    }

    /** An organisation's requests, newest first (its cabinet shows them). */
    public Flux<Row> ofOrganization(long organizationId, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM org_change_request WHERE organization_id = :organization "
                        + "ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("organization", organizationId).bind("limit", limit).map(ChangeRequestRepository::row).all();
    }

    /** The queue: oldest first. */
    public Mono<Page<Row>> byStatus(Status status, PageRequest page) {
        return Page.counted(db.sql("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM org_change_request "
                        + "WHERE status = :status ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .bind("status", status.name()).bind("limit", page.size()).bind("offset", page.offset())
                .map(r -> Map.entry(row(r), r.get("total", Long.class))).all(), page);
    }

    /** Decides a pending request; empty when it was no longer pending (another moderator was first). */
    public Mono<Row> decide(long id, long moderatorId, Status status, String reason) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("UPDATE org_change_request SET status = :status, reason = :reason, "
                        + "decided_at = now(), decided_by = :moderator WHERE id = :id AND status = 'PENDING' "
                        + "RETURNING " + COLUMNS)
                .bind("id", id).bind("moderator", moderatorId).bind("status", status.name());
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        return spec.map(ChangeRequestRepository::row).one();
    }

    private static Row row(Readable row) {
        return new Row(row.get("id", Long.class), row.get("organization_id", Long.class), row.get("user_id", Long.class),
                row.get("name", String.class), row.get("unp", String.class), row.get("parent_id", Long.class),
                row.get("comment", String.class), Status.valueOf(row.get("status", String.class)),
                row.get("reason", String.class), row.get("created_at", OffsetDateTime.class),
                row.get("decided_at", OffsetDateTime.class));
    }
}

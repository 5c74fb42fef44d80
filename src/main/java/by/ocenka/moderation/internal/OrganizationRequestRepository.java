package by.ocenka.moderation.internal;

import java.time.OffsetDateTime;
import java.util.Map;

import by.ocenka.moderation.OrganizationRequests.Status;
import by.ocenka.moderation.OrganizationRequests.Submission;
import by.ocenka.moderation.OrganizationRequests.View;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The org_request table's SQL. */
@Repository
public class OrganizationRequestRepository {

    private static final String COLUMNS = "id, name, address, sphere_id, unp, comment, status, reason, organization_id, "
            + "created_at, decided_at, count(*) OVER () AS total";

    private final DatabaseClient db;

    OrganizationRequestRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<View> insert(long userId, Submission s) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO org_request (user_id, name, address, sphere_id, unp, comment)
                        VALUES (:user, :name, :address, :sphere, :unp, :comment)
                        RETURNING id, name, address, sphere_id, unp, comment, status, reason, organization_id,
                                  created_at, decided_at, 1::bigint AS total""")
                .bind("user", userId)
                .bind("name", s.name().strip())
                .bind("address", s.address().strip())
                .bind("sphere", s.sphereId().shortValue());
        spec = blank(s.unp()) ? spec.bindNull("unp", String.class) : spec.bind("unp", s.unp().strip());
        spec = blank(s.comment()) ? spec.bindNull("comment", String.class) : spec.bind("comment", s.comment().strip());
        return spec.map(OrganizationRequestRepository::view).one();
    }

    /** Who sent the request (to tell them the decision). */
    public Mono<Long> author(long id) {
        return db.sql("SELECT user_id FROM org_request WHERE id = :id").bind("id", id)
                .map(row -> row.get("user_id", Long.class)).one();
    }

    public Mono<View> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM org_request WHERE id = :id")
                .bind("id", id).map(OrganizationRequestRepository::view).one();
    }

    public Mono<Page<View>> byUser(long userId, PageRequest page) {
        return page(db.sql("SELECT " + COLUMNS + " FROM org_request WHERE user_id = :user "
                + "ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset").bind("user", userId), page);
    }

    /** The queue: oldest first, so that nobody waits longest. */
    public Mono<Page<View>> byStatus(Status status, PageRequest page) {
        return page(db.sql("SELECT " + COLUMNS + " FROM org_request WHERE status = :status "
                + "ORDER BY created_at, id LIMIT :limit OFFSET :offset").bind("status", status.name()), page);
    }

    /** Decides a pending request; empty when it was no longer pending (another moderator was first). */
    public Mono<View> decide(long id, long moderatorId, Status status, String reason, Long organizationId) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE org_request SET status = :status, reason = :reason, organization_id = :organization,
                                               decided_at = now(), decided_by = :moderator
                        WHERE id = :id AND status = 'PENDING'
                        RETURNING id, name, address, sphere_id, unp, comment, status, reason, organization_id,
                                  created_at, decided_at, 1::bigint AS total""")
                .bind("id", id)
                .bind("moderator", moderatorId)
                .bind("status", status.name());
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        spec = organizationId == null ? spec.bindNull("organization", Long.class) : spec.bind("organization", organizationId);
        return spec.map(OrganizationRequestRepository::view).one();
    }

    private static Mono<Page<View>> page(DatabaseClient.GenericExecuteSpec spec, PageRequest page) {
        return Page.counted(spec.bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> Map.entry(view(row), row.get("total", Long.class))).all(), page);
    }

    private static View view(Readable row) {
        return new View(row.get("id", Long.class), row.get("name", String.class), row.get("address", String.class),
                row.get("sphere_id", Short.class).intValue(), row.get("unp", String.class), row.get("comment", String.class),
                Status.valueOf(row.get("status", String.class)), row.get("reason", String.class),
                row.get("organization_id", Long.class), row.get("created_at", OffsetDateTime.class),
                row.get("decided_at", OffsetDateTime.class));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

}

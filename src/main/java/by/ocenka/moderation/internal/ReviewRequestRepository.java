package by.ocenka.moderation.internal;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;

import by.ocenka.moderation.ReviewRequests.Status;
import by.ocenka.moderation.ReviewRequests.View;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The review_request table's SQL. */
@Repository
public class ReviewRequestRepository {

    private static final String COLUMNS = "id, questionnaire_id, organization_id, user_id, reason, status, answer, "
            + "created_at, decided_at";

    private final DatabaseClient db;

    ReviewRequestRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Files a request; empty when one is open for the questionnaire already. */
    public Mono<View> insert(long questionnaireId, long organizationId, long userId, String reason) {
        return db.sql("INSERT INTO review_request (questionnaire_id, organization_id, user_id, reason) "
                        + "VALUES (:q, :org, :user, :reason) ON CONFLICT DO NOTHING RETURNING " + COLUMNS)
                .bind("q", questionnaireId).bind("org", organizationId).bind("user", userId).bind("reason", reason)
                .map(ReviewRequestRepository::view).one();
    }

    public Mono<View> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM review_request WHERE id = :id").bind("id", id)
                .map(ReviewRequestRepository::view).one();
    }

    /** The newest request of each of these questionnaires (what the cabinet shows beside them). */
    public Mono<Map<Long, View>> latest(Collection<Long> questionnaireIds) {
        return db.sql("SELECT DISTINCT ON (questionnaire_id) " + COLUMNS + " FROM review_request "
                        + "WHERE questionnaire_id = ANY(:ids) ORDER BY questionnaire_id, created_at DESC")
                .bind("ids", questionnaireIds.toArray(Long[]::new))
                .map(ReviewRequestRepository::view).all().collectMap(View::questionnaireId);
    }

    /** The queue, oldest first. */
    public Mono<Page<View>> byStatus(Status status, PageRequest page) {
        return Page.counted(db.sql("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM review_request "
                        + "WHERE status = :status ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .bind("status", status.name()).bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> Map.entry(view(row), row.get("total", Long.class))).all(), page);
    }

    /** Decides a pending request; empty when it was decided already. */
    public Mono<View> decide(long id, long moderatorId, Status status, String answer) {
        return db.sql("UPDATE review_request SET status = :status, answer = :answer, decided_at = now(), "
                        + "decided_by = :moderator WHERE id = :id AND status = 'PENDING' RETURNING " + COLUMNS)
                .bind("id", id).bind("status", status.name()).bind("answer", answer).bind("moderator", moderatorId)
                .map(ReviewRequestRepository::view).one();
    }

    private static View view(Readable row) {
        return new View(row.get("id", Long.class), row.get("questionnaire_id", Long.class),
                row.get("organization_id", Long.class), row.get("user_id", Long.class), row.get("reason", String.class),
                Status.valueOf(row.get("status", String.class)), row.get("answer", String.class),
                row.get("created_at", OffsetDateTime.class), row.get("decided_at", OffsetDateTime.class));
    }
}

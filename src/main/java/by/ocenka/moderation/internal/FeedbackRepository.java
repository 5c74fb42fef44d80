package by.ocenka.moderation.internal;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;

import by.ocenka.moderation.Feedback.Status;
import by.ocenka.moderation.Feedback.Topic;
import by.ocenka.moderation.Feedback.View;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Table {@code feedback}: the messages to support and their answers. */
@Repository
public class FeedbackRepository {

    private static final String COLUMNS = "id, topic, text, email, status, answer, created_at, answered_at";

    private final DatabaseClient db;

    FeedbackRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<View> insert(Topic topic, String text, String email, Long userId) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO feedback (topic, text, email, user_id) "
                        + "VALUES (:topic, :text, :email, :user) RETURNING " + COLUMNS)
                .bind("topic", topic.name().toLowerCase(Locale.ROOT)).bind("text", text);
        spec = email == null ? spec.bindNull("email", String.class) : spec.bind("email", email);
        spec = userId == null ? spec.bindNull("user", Long.class) : spec.bind("user", userId);
        return spec.map(FeedbackRepository::view).one();
    }

    public Mono<View> byId(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM feedback WHERE id = :id").bind("id", id)
                .map(FeedbackRepository::view).one();
    }

    /** Oldest first, so that nobody waits longest. */
    public Mono<Page<View>> byStatus(Status status, PageRequest page) {
        return Page.counted(db.sql("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM feedback WHERE status = :status "
                        + "ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .bind("status", status.name()).bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> Map.entry(view(row), row.get("total", Long.class))).all(), page);
    }

    /** Answers a new message; empty when it was not new (another moderator was first). */
    public Mono<View> answer(long id, String answer, long moderatorId) {
        return db.sql("UPDATE feedback SET status = 'ANSWERED', answer = :answer, answered_at = now(), answered_by = :moderator "
                        + "WHERE id = :id AND status = 'NEW' RETURNING " + COLUMNS)
                .bind("id", id).bind("answer", answer).bind("moderator", moderatorId)
                .map(FeedbackRepository::view).one();
    }

    public Mono<View> close(long id, long moderatorId) {
        return db.sql("UPDATE feedback SET status = 'CLOSED', answered_at = now(), answered_by = :moderator "
                        + "WHERE id = :id AND status = 'NEW' RETURNING " + COLUMNS)
                .bind("id", id).bind("moderator", moderatorId)
                .map(FeedbackRepository::view).one();
    }

    private static View view(Readable row) {
        return new View(row.get("id", Long.class), Topic.valueOf(row.get("topic", String.class).toUpperCase(Locale.ROOT)),
                row.get("text", String.class), row.get("email", String.class), Status.valueOf(row.get("status", String.class)),
                row.get("answer", String.class), row.get("created_at", OffsetDateTime.class),
                row.get("answered_at", OffsetDateTime.class));
    }
}

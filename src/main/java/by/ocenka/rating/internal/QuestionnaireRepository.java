package by.ocenka.rating.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.platform.ReadReplica;
import by.ocenka.rating.RatingRecords;
import by.ocenka.rating.RatingRecords.Review;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Questionnaires read back one by one or in pages (without their replies, which the cabinet keeps): the public reviews (with the author's name as the questionnaire
 * keeps it), a citizen's own, and one for moderation.
 */
@Repository
public class QuestionnaireRepository {

    /** A questionnaire as moderation needs it. */
    public record Moderated(long organizationId, BigDecimal mean, Map<String, Integer> scores, String status) {
    }

    /** A citizen's own questionnaire; the organisation's name is the catalogue's to add, the reply the cabinet's. */
    public record Own(long id, long organizationId, double mean, Map<String, Integer> scores, String comment,
                      String status, OffsetDateTime createdAt, String commentHidden) {
    }

    /** A hidden comment is not shown, only the reason it was hidden for. */
    private static final String REVIEW_COLUMNS = "q.id, q.mean, q.scores::text AS scores, q.service_name, q.service_date, "
            + "CASE WHEN q.comment_hidden IS NULL THEN q.comment END AS comment, q.comment_hidden, q.created_at, "
            + "q.author_name, q.user_id IS NULL AS imported";

    private final DatabaseClient db;

    /** Published reviews are read on the replica when there is one (never a citizen's own, nor the daily limit). */
    private final ReadReplica replica;

    QuestionnaireRepository(DatabaseClient db, ReadReplica replica) {
        this.db = db;
        this.replica = replica;
    }

    /** Published questionnaires of an organisation, newest first, with the total. */
    /** Whether the citizen has a questionnaire of the organisation on that Minsk day (the daily limit's truth). */
    public Mono<Boolean> ratedOn(long userId, long organizationId, LocalDate day) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM questionnaire WHERE user_id = :u AND organization_id = :o AND local_date = :d) AS found")
                .bind("u", userId).bind("o", organizationId).bind("d", day)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    public Mono<Page<Review>> reviews(long organizationId, PageRequest page) {
        return replica.read(reads -> reads.sql("SELECT " + REVIEW_COLUMNS + ", count(*) OVER () AS total FROM questionnaire q "
                        + "WHERE q.organization_id = :org AND q.status = 'PUBLISHED' "
                        + "ORDER BY q.created_at DESC, q.id DESC LIMIT :limit OFFSET :offset")
                .bind("org", organizationId).bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> Map.entry(review(row), row.get("total", Long.class)))
                .all())
                .as(rows -> Page.counted(rows, page));
    }

    /**
     * The latest published questionnaires of an organisation, without a total: the index on (organisation,
     * created_at) gives them without reading a busy organisation's whole history (the count comes from its aggregate).
     */
    public Flux<Review> latestReviews(long organizationId, int limit) {
        return replica.read(reads -> reads.sql("SELECT " + REVIEW_COLUMNS + " FROM questionnaire q "
                        + "WHERE q.organization_id = :org AND q.status = 'PUBLISHED' "
                        + "ORDER BY q.created_at DESC, q.id DESC LIMIT :limit")
                .bind("org", organizationId).bind("limit", limit)
                .map(QuestionnaireRepository::review)
                .all());
    }

    public Mono<Page<Own>> mine(long userId, PageRequest page) {
        return db.sql("""
                        SELECT q.id, q.organization_id, q.mean, q.scores::text AS scores, q.comment, q.status,
                               q.comment_hidden, q.created_at, count(*) OVER () AS total
                        FROM questionnaire q
                        WHERE q.user_id = :user ORDER BY q.created_at DESC, q.id DESC LIMIT :limit OFFSET :offset""")
                .bind("user", userId).bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> Map.entry(new Own(row.get("id", Long.class), row.get("organization_id", Long.class),
                        row.get("mean", BigDecimal.class).doubleValue(), ScoresJson.read(row.get("scores", String.class)),
                        row.get("comment", String.class), row.get("status", String.class),
                        row.get("created_at", OffsetDateTime.class), row.get("comment_hidden", String.class)),
                        row.get("total", Long.class)))
                .all()
                .as(rows -> Page.counted(rows, page));
    }

    /** One of the citizen's own questionnaires; empty when it is not theirs (or does not exist). */
    public Mono<Own> own(long userId, long id) {
        return db.sql("""
                        SELECT q.id, q.organization_id, q.mean, q.scores::text AS scores, q.comment, q.status,
                               q.comment_hidden, q.created_at
                        FROM questionnaire q WHERE q.id = :id AND q.user_id = :user""")
                .bind("id", id).bind("user", userId)
                .map(row -> new Own(row.get("id", Long.class), row.get("organization_id", Long.class),
                        row.get("mean", BigDecimal.class).doubleValue(), ScoresJson.read(row.get("scores", String.class)),
                        row.get("comment", String.class), row.get("status", String.class),
                        row.get("created_at", OffsetDateTime.class), row.get("comment_hidden", String.class)))
                .one();
    }

    public Mono<Moderated> questionnaire(long id) {
        return db.sql("SELECT organization_id, mean, scores::text AS scores, status FROM questionnaire WHERE id = :id")
                .bind("id", id)
                .map(row -> new Moderated(row.get("organization_id", Long.class), row.get("mean", BigDecimal.class),
                        ScoresJson.read(row.get("scores", String.class)), row.get("status", String.class)))
                .one();
    }

    /** Changes the status; answers whether it changed (so that a repeat does not apply twice). */
    public Mono<Boolean> setStatus(long id, String from, String to) {
        // A held questionnaire's decision is dated (the moderation figures' handling time).
        return db.sql("""
                        UPDATE questionnaire SET status = :to,
                               hold_decided_at = CASE WHEN status = 'HELD' THEN now() ELSE hold_decided_at END
                        WHERE id = :id AND status = :from""")
                .bind("id", id).bind("from", from).bind("to", to)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /**
     * The name a citizen's questionnaires are signed with (null: anonymous), after a rename or a deletion; answers the
     * organisations whose reviews changed.
     */
    public Flux<Long> signAs(long userId, String authorName) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        WITH signed AS (
                            UPDATE questionnaire SET author_name = :name
                            WHERE user_id = :user AND author_name IS DISTINCT FROM :name RETURNING organization_id)
                        SELECT DISTINCT organization_id FROM signed""").bind("user", userId);
        return (authorName == null ? spec.bindNull("name", String.class) : spec.bind("name", authorName))
                .map(row -> row.get("organization_id", Long.class)).all();
    }

    private static Review review(Readable row) {
        return new Review(row.get("id", Long.class), row.get("mean", BigDecimal.class).doubleValue(),
                ScoresJson.read(row.get("scores", String.class)), row.get("service_name", String.class),
                row.get("service_date", LocalDate.class), row.get("comment", String.class),
                AuthorNames.publicForm(row.get("author_name", String.class)), row.get("created_at", OffsetDateTime.class),
                null, row.get("comment_hidden", String.class), Boolean.TRUE.equals(row.get("imported", Boolean.class)));
    }

    /** A published questionnaire's comment while it is shown (not hidden, not empty); empty otherwise. */
    public Mono<RatingRecords.PublishedComment> publishedComment(long id) {
        return db.sql("""
                        SELECT id, organization_id, comment FROM questionnaire
                        WHERE id = :id AND status = 'PUBLISHED' AND comment_hidden IS NULL AND coalesce(comment, '') <> ''""")
                .bind("id", id)
                .map(row -> new RatingRecords.PublishedComment(row.get("id", Long.class),
                        row.get("organization_id", Long.class), row.get("comment", String.class)))
                .one();
    }

    /** Hides a comment for a reason, or shows it again (reason null); answers the organisation, empty for none. */
    public Mono<Long> hideComment(long id, String reason) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE questionnaire SET comment_hidden = :reason,
                                                 comment_hidden_at = CASE WHEN :hiding THEN now() END
                        WHERE id = :id RETURNING organization_id""")
                .bind("id", id).bind("hiding", reason != null);
        return (reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason))
                .map(row -> row.get("organization_id", Long.class)).one();
    }
}

package by.ocenka.rating.internal;

import java.time.OffsetDateTime;

import by.ocenka.rating.RatingRecords.OrganizationRef;
import by.ocenka.rating.RatingRecords.PublicReply;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Official replies: one per questionnaire, signed with the organisation that gave it and the staff member's name as
 * they were then (so that reading a reply costs no look-up in the catalogue or the accounts).
 */
@Repository
public class ReplyRepository {

    /** The reply's columns in a questionnaire query that joins {@link #JOIN}. */
    static final String COLUMNS = "r.text AS reply_text, r.created_at AS reply_at, r.organization_id AS reply_organization, "
            + "r.organization_name AS reply_organization_name, r.author_name AS reply_author";
    static final String JOIN = "LEFT JOIN questionnaire_reply r ON r.questionnaire_id = q.id ";

    /** An organisation's replies to the questionnaires due for one: how many were due, answered, and the median wait. */
    public record ReplyFigures(long due, long answered, long overdue, Double medianHours) {
    }

    private final DatabaseClient db;

    ReplyRepository(DatabaseClient db) {
        this.db = db;
    }

    static PublicReply read(Readable row) {
        String text = row.get("reply_text", String.class);
        return text == null ? null : new PublicReply(text, row.get("reply_at", OffsetDateTime.class),
                new OrganizationRef(row.get("reply_organization", Long.class), row.get("reply_organization_name", String.class)));
    }

    /** The staff member's name on a reply (not public: the organisation answers, a person is accountable). */
    static String author(Readable row) {
        return row.get("reply_author", String.class);
    }

    /** Stores the reply; empty when the questionnaire already has one. */
    public Mono<OffsetDateTime> insert(long questionnaireId, long organizationId, String organizationName, String text,
                                       long authorId, String authorName) {
        return db.sql("""
                        INSERT INTO questionnaire_reply (questionnaire_id, organization_id, organization_name, text,
                                                         author_id, author_name)
                        VALUES (:q, :org, :orgName, :text, :author, :authorName)
                        ON CONFLICT (questionnaire_id) DO NOTHING RETURNING created_at""")
                .bind("q", questionnaireId).bind("org", organizationId).bind("orgName", organizationName)
                .bind("text", text).bind("author", authorId).bind("authorName", authorName)
                .map(row -> row.get("created_at", OffsetDateTime.class)).one();
    }

    /**
     * The reply figures of the questionnaires due for a reply (a comment or a mean under 3) in an organisation's
     * subtree (the catalogue's published {@code org_closure}), created in [from, to).
     */
    public Mono<ReplyFigures> figures(long rootId, boolean wholeSubtree, OffsetDateTime from, OffsetDateTime to, int replyDays) {
        return db.sql("""
                        SELECT count(*) AS due, count(r.questionnaire_id) AS answered,
                               count(*) FILTER (WHERE r.questionnaire_id IS NULL
                                                  AND q.created_at + make_interval(days => :days) < now()) AS overdue,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.created_at - q.created_at))
                                   / 3600 AS median_hours
                        FROM org_closure c
                        JOIN questionnaire q ON q.organization_id = c.descendant_id
                        LEFT JOIN questionnaire_reply r ON r.questionnaire_id = q.id
                        WHERE c.ancestor_id = :root AND (:whole OR c.depth = 0) AND q.status = 'PUBLISHED'
                          AND (q.comment IS NOT NULL OR q.mean < 3)
                          AND q.created_at >= :from AND q.created_at < :to""")
                .bind("root", rootId).bind("whole", wholeSubtree).bind("from", from).bind("to", to).bind("days", replyDays)
                .map(row -> {
                    Double median = row.get("median_hours", Double.class);
                    return new ReplyFigures(row.get("due", Long.class), row.get("answered", Long.class),
                            row.get("overdue", Long.class), median == null ? null : Math.round(median * 10) / 10.0);
                })
                .one();
    }
}

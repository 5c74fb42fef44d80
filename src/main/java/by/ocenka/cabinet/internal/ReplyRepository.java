package by.ocenka.cabinet.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import by.ocenka.rating.RatingRecords.OrganizationRef;
import by.ocenka.rating.RatingRecords.PublicReply;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The organisations' official replies (table {@code questionnaire_reply}, the cabinet's): one per questionnaire, with
 * the organisation's name as it was then and the staff member who wrote it (so that reading a reply costs no look-up in
 * the catalogue or the accounts).
 */
@Repository
public class ReplyRepository {

    /** A reply to store in bulk (demo data). */
    public record NewReply(long questionnaireId, long organizationId, String organizationName, String text, long authorId,
                           String authorName, OffsetDateTime createdAt) {
    }

    private final DatabaseClient db;

    ReplyRepository(DatabaseClient db) {
        this.db = db;
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
     * Replaces a reply's text while its author may still correct it (within {@code window} of posting it): the time
     * it was posted, or empty when it is not theirs or too old.
     */
    public Mono<OffsetDateTime> correct(long questionnaireId, long authorId, String text, Duration window) {
        return db.sql("""
                        UPDATE questionnaire_reply SET text = :text
                        WHERE questionnaire_id = :q AND author_id = :author
                          AND created_at > now() - make_interval(secs => :window)
                        RETURNING created_at""")
                .bind("q", questionnaireId).bind("author", authorId).bind("text", text)
                .bind("window", (double) window.toSeconds())
                .map(row -> row.get("created_at", OffsetDateTime.class)).one();
    }

    /** Stores many replies at once (those of questionnaires already answered are left). */
    public Mono<Void> insertAll(List<NewReply> replies) {
        if (replies.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO questionnaire_reply (questionnaire_id, organization_id, organization_name, text,
                                                         author_id, author_name, created_at)
                        SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:orgs AS bigint[]), CAST(:names AS text[]),
                                             CAST(:texts AS text[]), CAST(:authors AS bigint[]), CAST(:authorNames AS text[]),
                                             CAST(:at AS timestamptz[]))
                        ON CONFLICT (questionnaire_id) DO NOTHING""")
                .bind("ids", replies.stream().map(NewReply::questionnaireId).toArray(Long[]::new))
                .bind("orgs", replies.stream().map(NewReply::organizationId).toArray(Long[]::new))
                .bind("names", replies.stream().map(NewReply::organizationName).toArray(String[]::new))
                .bind("texts", replies.stream().map(NewReply::text).toArray(String[]::new))
                .bind("authors", replies.stream().map(NewReply::authorId).toArray(Long[]::new))
                .bind("authorNames", replies.stream().map(NewReply::authorName).toArray(String[]::new))
                .bind("at", replies.stream().map(NewReply::createdAt).toArray(OffsetDateTime[]::new))
                .then();
    }

    /** The replies of those of these questionnaires that have one, as everyone reads them. */
    public Mono<Map<Long, PublicReply>> of(Collection<Long> questionnaireIds) {
        if (questionnaireIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        SELECT questionnaire_id, text, created_at, organization_id, organization_name, helpful
                        FROM questionnaire_reply WHERE questionnaire_id = ANY(:ids)""")
                .bind("ids", questionnaireIds.toArray(Long[]::new))
                .map(row -> Map.entry(row.get("questionnaire_id", Long.class), new PublicReply(row.get("text", String.class),
                        row.get("created_at", OffsetDateTime.class), new OrganizationRef(row.get("organization_id", Long.class),
                        row.get("organization_name", String.class)), row.get("helpful", Boolean.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** What became of an author's mark: stored, the reply marked already, or no reply to mark. */
    public enum Marked { STORED, ALREADY, NO_REPLY }

    /** Stores the author's mark on the reply, once. */
    public Mono<Marked> markHelpful(long questionnaireId, boolean helpful) {
        return db.sql("""
                        WITH marked AS (
                            UPDATE questionnaire_reply SET helpful = :helpful, helpful_marked_at = now()
                            WHERE questionnaire_id = :q AND helpful IS NULL RETURNING 1)
                        SELECT EXISTS (SELECT 1 FROM marked) AS stored,
                               EXISTS (SELECT 1 FROM questionnaire_reply WHERE questionnaire_id = :q) AS replied""")
                .bind("q", questionnaireId).bind("helpful", helpful)
                .map(row -> Boolean.TRUE.equals(row.get("stored", Boolean.class)) ? Marked.STORED
                        : Boolean.TRUE.equals(row.get("replied", Boolean.class)) ? Marked.ALREADY : Marked.NO_REPLY)
                .one();
    }

    /** Of the organisation's replies marked by their authors in the past year: how many, and how many helpful. */
    public Mono<long[]> helpfulOfThePastYear(long organizationId) {
        return db.sql("""
                        SELECT count(*) AS marked, count(*) FILTER (WHERE helpful) AS helpful FROM questionnaire_reply
                        WHERE organization_id = :org AND helpful IS NOT NULL AND helpful_marked_at > now() - interval '1 year'""")
                .bind("org", organizationId)
                .map(ReplyRepository::markedAndHelpful)
                .one();
    }

    /** The same over a subtree's organisations, for marks given in [from, to). */
    public Mono<long[]> helpfulOfSubtree(Collection<Long> organizationIds, OffsetDateTime from, OffsetDateTime to) {
        return db.sql("""
                        SELECT count(*) AS marked, count(*) FILTER (WHERE helpful) AS helpful FROM questionnaire_reply
                        WHERE organization_id = ANY(:orgs) AND helpful IS NOT NULL
                          AND helpful_marked_at >= :from AND helpful_marked_at < :to""")
                .bind("orgs", organizationIds.toArray(Long[]::new)).bind("from", from).bind("to", to)
                .map(ReplyRepository::markedAndHelpful)
                .one();
    }

    /**
     * The demo's authors' marks: two in three replies to a questionnaire with an author are marked a day after
     * the reply, three in four of them helpful (by the questionnaire's id, so the same every time).
     */
    public Mono<Void> markDemoFeedback() {
        return db.sql("""
                        UPDATE questionnaire_reply SET helpful = (questionnaire_id % 4 <> 0),
                                                       helpful_marked_at = least(created_at + interval '1 day', now())
                        WHERE questionnaire_id > 0 AND questionnaire_id % 5 IN (0, 1) AND helpful IS NULL""")
                .then();
    }

    private static long[] markedAndHelpful(Readable row) {
        return new long[] {row.get("marked", Long.class), row.get("helpful", Long.class)};
    }

    /** Whether any reply is kept (the demo data's check). */
    public Mono<Boolean> any() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM questionnaire_reply) AS found")
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }
}

package by.ocenka.moderation.internal;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import by.ocenka.moderation.Complaints.MonthFigures;
import by.ocenka.moderation.Complaints.Status;
import by.ocenka.moderation.Complaints.View;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Table {@code complaint}: the flags raised on comments and the moderators' decisions. */
@Repository
public class ComplaintRepository {

    private static final String COLUMNS = "id, questionnaire_id, organization_id, reason, text, from_organization, status, "
            + "decision, created_at, decided_at";

    private final DatabaseClient db;

    ComplaintRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The new flag, or empty when this reporter already flagged the comment (the unique key decides). */
    public Mono<View> insert(long questionnaireId, long organizationId, String reason, String text, String reporter,
                             boolean fromOrganization) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO complaint (questionnaire_id, organization_id, reason, text, reporter, from_organization)
                        VALUES (:questionnaire, :organization, :reason, :text, :reporter, :staff)
                        ON CONFLICT ON CONSTRAINT complaint_once DO NOTHING RETURNING """ + " " + COLUMNS)
                .bind("questionnaire", questionnaireId).bind("organization", organizationId).bind("reason", reason)
                .bind("reporter", reporter).bind("staff", fromOrganization);
        return (text == null ? spec.bindNull("text", String.class) : spec.bind("text", text))
                .map(ComplaintRepository::view).one();
    }

    public Mono<View> byId(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM complaint WHERE id = :id").bind("id", id)
                .map(ComplaintRepository::view).one();
    }

    /** Oldest first. */
    public Mono<Page<View>> byStatus(Status status, PageRequest page) {
        return Page.counted(db.sql("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM complaint WHERE status = :status "
                        + "ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .bind("status", status.name()).bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> Map.entry(view(row), row.get("total", Long.class))).all(), page);
    }

    public Mono<Void> decide(long id, Status status, String decision, long moderatorId) {
        return decided(db.sql("UPDATE complaint SET status = :status, decision = :decision, decided_at = now(), "
                + "decided_by = :moderator WHERE id = :id AND status = 'OPEN'").bind("id", id), status, decision, moderatorId);
    }

    /** Decides every open flag of a comment at once (hiding it answers them all). */
    public Mono<Void> decideAll(long questionnaireId, Status status, String decision, long moderatorId) {
        return decided(db.sql("UPDATE complaint SET status = :status, decision = :decision, decided_at = now(), "
                        + "decided_by = :moderator WHERE questionnaire_id = :questionnaire AND status = 'OPEN'")
                .bind("questionnaire", questionnaireId), status, decision, moderatorId);
    }

    private static Mono<Void> decided(DatabaseClient.GenericExecuteSpec spec, Status status, String decision, long moderatorId) {
        spec = spec.bind("status", status.name()).bind("moderator", moderatorId);
        return (decision == null ? spec.bindNull("decision", String.class) : spec.bind("decision", decision)).then();
    }

    private record Month(String month, long complaints, long staff, long dismissed, long open, Double medianHours) {
    }

    private record Hidden(String month, String reason, long comments) {
    }

    /**
     * Per month (Minsk), the last twelve, newest first: flags, those from organisations' staff, comments hidden by
     * reason, flags dismissed and still open, and the median hours from a flag to its decision.
     */
    public Mono<List<MonthFigures>> figures(Set<String> reasons) {
        String month = "to_char(created_at AT TIME ZONE 'Europe/Minsk', 'YYYY-MM')";
        Mono<List<Month>> months = db.sql("""
                        SELECT %s AS month, count(*) AS complaints, count(*) FILTER (WHERE from_organization) AS staff,
                               count(*) FILTER (WHERE status = 'DISMISSED') AS dismissed,
                               count(*) FILTER (WHERE status = 'OPEN') AS open,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at) / 3600)
                                   FILTER (WHERE decided_at IS NOT NULL) AS median_hours
                        FROM complaint WHERE created_at > now() - interval '12 months'
                        GROUP BY 1 ORDER BY 1 DESC""".formatted(month))
                .map(row -> new Month(row.get("month", String.class), row.get("complaints", Long.class),
                        row.get("staff", Long.class), row.get("dismissed", Long.class), row.get("open", Long.class),
                        row.get("median_hours", Double.class)))
                .all().collectList();
        Mono<List<Hidden>> hidden = db.sql("""
                        SELECT %s AS month, decision, count(DISTINCT questionnaire_id) AS comments
                        FROM complaint WHERE status = 'UPHELD' AND created_at > now() - interval '12 months'
                        GROUP BY 1, 2""".formatted(month))
                .map(row -> new Hidden(row.get("month", String.class), row.get("decision", String.class),
                        row.get("comments", Long.class)))
                .all().collectList();
        return Mono.zip(months, hidden).map(t -> t.getT1().stream().map(m -> {
            Map<String, Long> byReason = new LinkedHashMap<>();
            new TreeSet<>(reasons).forEach(reason -> byReason.put(reason, t.getT2().stream()
                    .filter(h -> h.month().equals(m.month()) && reason.equals(h.reason()))
                    .mapToLong(Hidden::comments).sum()));
            return new MonthFigures(m.month(), m.complaints(), m.staff(), byReason, m.dismissed(), m.open(),
                    m.medianHours() == null ? null : Math.round(m.medianHours() * 10) / 10.0);
        }).toList());
    }

    private static View view(Readable row) {
        return new View(row.get("id", Long.class), row.get("questionnaire_id", Long.class),
                row.get("organization_id", Long.class), row.get("reason", String.class), row.get("text", String.class),
                Boolean.TRUE.equals(row.get("from_organization", Boolean.class)), Status.valueOf(row.get("status", String.class)),
                row.get("decision", String.class), row.get("created_at", OffsetDateTime.class),
                row.get("decided_at", OffsetDateTime.class), null);
    }
}

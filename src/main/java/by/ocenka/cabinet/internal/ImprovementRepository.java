package by.ocenka.cabinet.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The improvements organisations publish (table improvement). */
@Repository
class ImprovementRepository {

    private static final String UNMAILED = "id, organization_id, title, text, theme, effective_on, language";

    private final DatabaseClient db;

    ImprovementRepository(DatabaseClient db) {
        this.db = db;
    }

    record ImprovementRow(long id, long organizationId, String title, String text, String theme, LocalDate effectiveOn,
                          OffsetDateTime createdAt, Integer notified) {
    }

    Mono<Long> insert(long organizationId, String title, String text, String theme, LocalDate effectiveOn, long userId,
                      String language) {
        return db.sql("""
                        INSERT INTO improvement (organization_id, title, text, theme, effective_on, created_by, language)
                        VALUES (:org, :title, :text, :theme, :on, :user, :language) RETURNING id""")
                .bind("org", organizationId).bind("title", title).bind("text", text).bind("theme", theme)
                .bind("on", effectiveOn).bind("user", userId).bind("language", language)
                .map(row -> row.get("id", Long.class)).one();
    }

    /** An improvement to mail about. */
    record Unmailed(long id, long organizationId, String title, String text, String theme, LocalDate effectiveOn,
                    String language) {
    }

    Mono<Unmailed> unmailed(long id) {
        return db.sql("""
                        SELECT %s FROM improvement WHERE id = :id AND notified IS NULL""".formatted(UNMAILED))
                .bind("id", id).map(row -> unmailed(row)).one();
    }

    /** The improvements whose mails a restart cut short (published over two minutes ago, not yet counted). */
    Flux<Unmailed> cutShort() {
        return db.sql("""
                        SELECT %s FROM improvement
                        WHERE notified IS NULL AND created_at < now() - interval '2 minutes' ORDER BY id LIMIT 20""".formatted(UNMAILED))
                .map(row -> unmailed(row)).all();
    }

    private static Unmailed unmailed(io.r2dbc.spi.Readable row) {
        return new Unmailed(row.get("id", Long.class), row.get("organization_id", Long.class), row.get("title", String.class),
                row.get("text", String.class), row.get("theme", String.class), row.get("effective_on", LocalDate.class),
                row.get("language", String.class));
    }

    /**
     * Records that this citizen is told of this improvement: false when they were already (a retry, another instance)
     * or when the organisation told them of another improvement in the last 30 days.
     */
    Mono<Boolean> claimNotice(long improvementId, long userId, long organizationId) {
        return db.sql("""
                        INSERT INTO improvement_notice (improvement_id, user_id, organization_id)
                        SELECT :improvement, :user, :org
                        WHERE NOT EXISTS (SELECT 1 FROM improvement_notice n WHERE n.organization_id = :org AND n.user_id = :user
                                          AND n.improvement_id <> :improvement AND n.mailed_at > now() - interval '30 days')
                        ON CONFLICT DO NOTHING RETURNING user_id""")
                .bind("improvement", improvementId).bind("user", userId).bind("org", organizationId)
                .map(row -> true).one().defaultIfEmpty(false);
    }

    /** The number of citizens told of the improvement, stored once its mails are all queued. */
    Mono<Integer> countNotified(long id) {
        return db.sql("""
                        UPDATE improvement SET notified = (SELECT count(*) FROM improvement_notice WHERE improvement_id = :id)
                        WHERE id = :id RETURNING notified""")
                .bind("id", id).map(row -> row.get("notified", Integer.class)).one();
    }

    /** The organisation's improvements, the latest to take effect first. */
    Flux<ImprovementRow> of(long organizationId, int limit) {
        return db.sql("""
                        SELECT id, organization_id, title, text, theme, effective_on, created_at, notified FROM improvement
                        WHERE organization_id = :org ORDER BY effective_on DESC, id DESC LIMIT :limit""")
                .bind("org", organizationId).bind("limit", limit)
                .map(row -> new ImprovementRow(row.get("id", Long.class), row.get("organization_id", Long.class),
                        row.get("title", String.class), row.get("text", String.class), row.get("theme", String.class),
                        row.get("effective_on", LocalDate.class), row.get("created_at", OffsetDateTime.class),
                        row.get("notified", Integer.class)))
                .all();
    }

}

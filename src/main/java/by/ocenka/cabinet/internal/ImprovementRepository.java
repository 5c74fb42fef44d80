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

    private final DatabaseClient db;

    ImprovementRepository(DatabaseClient db) {
        this.db = db;
    }

    record ImprovementRow(long id, long organizationId, String title, String text, String theme, LocalDate effectiveOn,
                          OffsetDateTime createdAt, Integer notified) {
    }

    Mono<Long> insert(long organizationId, String title, String text, String theme, LocalDate effectiveOn, long userId) {
        return db.sql("""
                        INSERT INTO improvement (organization_id, title, text, theme, effective_on, created_by)
                        VALUES (:org, :title, :text, :theme, :on, :user) RETURNING id""")
                .bind("org", organizationId).bind("title", title).bind("text", text).bind("theme", theme)
                .bind("on", effectiveOn).bind("user", userId)
                .map(row -> row.get("id", Long.class)).one();
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

    Mono<Void> notified(long id, int count) {
        return db.sql("UPDATE improvement SET notified = :n WHERE id = :id").bind("n", count).bind("id", id).then();
    }
}

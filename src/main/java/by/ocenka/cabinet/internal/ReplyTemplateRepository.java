package by.ocenka.cabinet.internal;

import java.util.List;

import by.ocenka.cabinet.CabinetRecords.ReplyTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The organisations' reply templates (table {@code reply_template}, the cabinet's), in the order each keeps them. */
@Repository
public class ReplyTemplateRepository {

    /** A stored template and whose it is. */
    record Stored(long id, long organizationId, String title, String text) {
    }

    private final DatabaseClient db;

    ReplyTemplateRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The templates of these organisations, each organisation's in its order. */
    Flux<Stored> of(List<Long> organizationIds) {
        return db.sql("""
                        SELECT id, organization_id, title, text FROM reply_template
                        WHERE organization_id = ANY(:ids) ORDER BY organization_id, position, id""")
                .bind("ids", organizationIds.toArray(Long[]::new))
                .map(row -> new Stored(row.get("id", Long.class), row.get("organization_id", Long.class),
                        row.get("title", String.class), row.get("text", String.class)))
                .all();
    }

    /** Holds the organisation's templates for the caller's transaction: changes of one organisation take turns. */
    Mono<Void> lock(long organizationId) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext('reply_template'), :org)").bind("org", (int) organizationId)
                .fetch().first().then();
    }

    /**
     * Makes the organisation's templates these, in this order: those with an id are kept and changed, the others
     * added, and any it had besides removed. Run in the caller's transaction.
     */
    public Mono<Void> replace(long organizationId, List<ReplyTemplate> wanted, long userId) {
        Long[] kept = wanted.stream().map(ReplyTemplate::id).filter(id -> id != null).toArray(Long[]::new);
        Mono<Void> removed = db.sql("DELETE FROM reply_template WHERE organization_id = :org AND NOT (id = ANY(:kept))")
                .bind("org", organizationId).bind("kept", kept).then();
        return removed.thenMany(Flux.range(0, wanted.size()).concatMap(position -> {
            ReplyTemplate t = wanted.get(position);
            var statement = t.id() == null
                    ? db.sql("""
                            INSERT INTO reply_template (organization_id, position, title, text, updated_by)
                            VALUES (:org, :position, :title, :text, :user)""")
                    : db.sql("""
                            UPDATE reply_template SET position = :position, title = :title, text = :text,
                                   updated_by = :user, updated_at = now()
                            WHERE id = :id AND organization_id = :org""").bind("id", t.id());
            return statement.bind("org", organizationId).bind("position", position).bind("title", t.title())
                    .bind("text", t.text()).bind("user", userId).then();
        })).then();
    }

    /** Whether any organisation keeps a template (demo data). */
    public Mono<Boolean> any() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM reply_template) AS found")
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }
}

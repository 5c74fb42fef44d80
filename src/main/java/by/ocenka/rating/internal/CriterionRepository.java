package by.ocenka.rating.internal;

import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The extra criteria an organisation sets for itself and its subtree (the base ones are reference data). */
@Repository
public class CriterionRepository {

    /** An extra criterion's row: its code and names by language (ru, be, en). */
    public record ExtraRow(String code, Map<String, String> name) {
    }

    private final DatabaseClient db;

    CriterionRepository(DatabaseClient db) {
        this.db = db;
    }

    public Flux<ExtraRow> extra(long organizationId) {
        return db.sql("SELECT code, name_ru, name_be, name_en FROM criterion WHERE organization_id = :org ORDER BY position, id")
                .bind("org", organizationId)
                .map(row -> new ExtraRow(row.get("code", String.class), Map.of("ru", row.get("name_ru", String.class),
                        "be", row.get("name_be", String.class), "en", row.get("name_en", String.class))))
                .all();
    }

    /** Makes the organisation's extra criteria these, in this order (the caller runs it in a transaction). */
    public Mono<Void> replace(long organizationId, List<ExtraRow> wanted) {
        Mono<Void> delete = db.sql("DELETE FROM criterion WHERE organization_id = :org AND NOT (code = ANY(:codes))")
                .bind("org", organizationId).bind("codes", wanted.stream().map(ExtraRow::code).toArray(String[]::new)).then();
        Flux<Void> upserts = Flux.range(0, wanted.size()).concatMap(i -> {
            ExtraRow c = wanted.get(i);
            return db.sql("""
                            INSERT INTO criterion (code, organization_id, name_ru, name_be, name_en, position)
                            VALUES (:code, :org, :ru, :be, :en, :position)
                            ON CONFLICT (coalesce(organization_id, 0), code)
                            DO UPDATE SET name_ru = EXCLUDED.name_ru, name_be = EXCLUDED.name_be, name_en = EXCLUDED.name_en,
                                          position = EXCLUDED.position""")
                    .bind("code", c.code()).bind("org", organizationId).bind("ru", c.name().get("ru").strip())
                    .bind("be", c.name().get("be").strip()).bind("en", c.name().get("en").strip())
                    .bind("position", (short) (100 + i)).then();
        });
        return delete.thenMany(upserts).then();
    }
}

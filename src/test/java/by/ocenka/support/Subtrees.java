package by.ocenka.support;

import java.time.Duration;
import java.util.Map;

import by.ocenka.catalog.demo.CatalogDemoData;
import org.springframework.r2dbc.core.DatabaseClient;

/** A body with a unit below it and an organisation outside it, from the Minsk demo catalogue (loaded here). */
public record Subtrees(long body, long unit, long outside) {

    public static Subtrees load(CatalogDemoData demo, DatabaseClient db) {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        Map<String, Object> pair = db.sql("""
                        SELECT c.parent_id AS body, c.id AS unit FROM organization c
                        WHERE c.parent_id IS NOT NULL AND c.status = 'ACTIVE' ORDER BY c.id LIMIT 1""").fetch().one().block();
        long body = ((Number) pair.get("body")).longValue();
        long outside = db.sql("SELECT id FROM organization WHERE status = 'ACTIVE' AND id NOT IN "
                        + "(SELECT descendant_id FROM org_closure WHERE ancestor_id = :body) ORDER BY id LIMIT 1")
                .bind("body", body).map(r -> r.get("id", Long.class)).one().block();
        return new Subtrees(body, ((Number) pair.get("unit")).longValue(), outside);
    }
}

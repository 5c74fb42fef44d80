package by.ocenka.support;

import java.time.Duration;
import java.util.Map;

import by.ocenka.catalog.NewOrganization;
import by.ocenka.platform.ApiException;
import org.springframework.r2dbc.core.DatabaseClient;

/** A place in the reference data for module tests that add organisations: the first category, its sphere, a district. */
public record ModuleTestData(int sphere, int category, int district) {

    public static ModuleTestData of(DatabaseClient db) {
        Map<String, Object> row = db.sql("SELECT c.id AS category, c.sphere_id AS sphere, (SELECT min(id) FROM district) "
                + "AS district FROM category c ORDER BY c.id LIMIT 1").fetch().one().block(Duration.ofSeconds(10));
        return new ModuleTestData(((Number) row.get("sphere")).intValue(), ((Number) row.get("category")).intValue(),
                ((Number) row.get("district")).intValue());
    }

    /** "status code" of the problem a call fails with, or "none": for tests that call services, not HTTP. */
    public static String problem(Runnable call) {
        try {
            call.run();
            return "none";
        } catch (ApiException e) {
            return e.status().value() + " " + e.code();
        }
    }

    public NewOrganization organization(String name, Long parent, String unp) {
        return new NewOrganization(name, null, unp, sphere, category, district, "ул. Советская, 1", 53.9, 27.56, parent,
                null, null, null);
    }
}

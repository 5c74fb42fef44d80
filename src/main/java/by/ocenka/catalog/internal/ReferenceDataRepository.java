package by.ocenka.catalog.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.catalog.CatalogRecords.Named;
import by.ocenka.catalog.CatalogRecords.RegionView;
import by.ocenka.catalog.CatalogRecords.SphereView;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Spheres with their categories, regions with their districts: the reference data, in the request's language. */
@Repository
public class ReferenceDataRepository {

    /** Tables whose ids {@link #exists} may be asked about. */
    private static final List<String> TABLES = List.of("sphere", "category", "region", "district", "organization");

    private final DatabaseClient db;

    ReferenceDataRepository(DatabaseClient db) {
        this.db = db;
    }

    private record SphereRow(int id, String code, String name, String icon, long organizations, Named category) {
    }

    private record CategoryRow(int id, String code, int sphereId) {
    }

    private record DistrictRow(int regionId, String regionName, Named district) {
    }

    public Mono<List<SphereView>> spheres(Locale locale) {
        return db.sql("""
                        SELECT s.id, s.code, s.name_%1$s AS name, s.icon, c.id AS category_id, c.name_%1$s AS category_name,
                               (SELECT count(*) FROM organization o WHERE o.sphere_id = s.id AND o.status = 'ACTIVE') AS n
                        FROM sphere s JOIN category c ON c.sphere_id = s.id
                        ORDER BY s.position, c.id""".formatted(CatalogRows.language(locale)))
                .map(row -> new SphereRow(row.get("id", Short.class).intValue(), row.get("code", String.class),
                        row.get("name", String.class), row.get("icon", String.class), row.get("n", Long.class),
                        new Named(row.get("category_id", Integer.class), row.get("category_name", String.class))))
                .all()
                .collectList()
                .map(rows -> {
                    Map<Integer, SphereView> spheres = new LinkedHashMap<>();
                    for (SphereRow r : rows) {
                        spheres.computeIfAbsent(r.id(), id -> new SphereView(id, r.code(), r.name(), r.icon(),
                                r.organizations(), new ArrayList<>())).categories().add(r.category());
                    }
                    return List.copyOf(spheres.values());
                });
    }

    public Mono<List<RegionView>> regions(Locale locale) {
        return db.sql("""
                        SELECT r.id, r.name_%1$s AS name, d.id AS district_id, coalesce(d.name_%1$s, d.name_ru) AS district_name
                        FROM region r JOIN district d ON d.region_id = r.id
                        ORDER BY r.id, d.name_ru""".formatted(CatalogRows.language(locale)))
                .map(row -> new DistrictRow(row.get("id", Short.class).intValue(), row.get("name", String.class),
                        new Named(row.get("district_id", Integer.class), row.get("district_name", String.class))))
                .all()
                .collectList()
                .map(rows -> {
                    Map<Integer, RegionView> regions = new LinkedHashMap<>();
                    for (DistrictRow r : rows) {
                        regions.computeIfAbsent(r.regionId(), id -> new RegionView(id, r.regionName(), new ArrayList<>()))
                                .districts().add(r.district());
                    }
                    return List.copyOf(regions.values());
                });
    }

    /** Codes and ids of spheres and categories, and the districts with their centres. */
    public Mono<ReferenceData> referenceData() {
        Mono<Map<String, Integer>> spheres = db.sql("SELECT id, code FROM sphere")
                .map(row -> Map.entry(row.get("code", String.class), row.get("id", Short.class).intValue()))
                .all()
                .collect(HashMap::new, (map, r) -> {
                    map.put(String.valueOf(r.getValue()), r.getValue());
                    map.put(r.getKey().toUpperCase(Locale.ROOT), r.getValue());
                });
        Mono<List<CategoryRow>> categories = db.sql("SELECT id, code, sphere_id FROM category")
                .map(row -> new CategoryRow(row.get("id", Integer.class), row.get("code", String.class),
                        row.get("sphere_id", Short.class).intValue()))
                .all().collectList();
        Mono<List<ReferenceData.District>> districts = db.sql("SELECT id, latitude, longitude FROM district")
                .map(row -> new ReferenceData.District(row.get("id", Integer.class), row.get("latitude", Double.class),
                        row.get("longitude", Double.class)))
                .all().collectList();
        return Mono.zip(spheres, categories, districts).map(t -> {
            Map<String, Integer> categoryByKey = new HashMap<>();
            Map<Integer, Integer> sphereOf = new HashMap<>();
            for (CategoryRow c : t.getT2()) {
                categoryByKey.put(String.valueOf(c.id()), c.id());
                categoryByKey.put(c.code().toUpperCase(Locale.ROOT), c.id());
                sphereOf.put(c.id(), c.sphereId());
            }
            return new ReferenceData(t.getT1(), categoryByKey, sphereOf, t.getT3());
        });
    }

    /** Whether a row with this id exists in one of the catalogue's tables. */
    public Mono<Boolean> exists(String table, long id) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("Not a catalogue table: " + table);
        }
        return db.sql("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = :id) AS found")
                .bind("id", id)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }
}

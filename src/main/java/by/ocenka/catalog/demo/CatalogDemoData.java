package by.ocenka.catalog.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import by.ocenka.catalog.OrganizationsAdded;
import by.ocenka.platform.DemoDataSet;
import by.ocenka.platform.PostgresCopy;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static by.ocenka.platform.PostgresCopy.text;

/** The catalogue's demo data: about 14,000 organisations, streamed into PostgreSQL with COPY. */
@Component
public class CatalogDemoData implements DemoDataSet {

    public static final long SEED = 20261123L;
    private static final String COPY = "COPY organization (id, name, short_name, unp, sphere_id, category_id, region_id, "
            + "district_id, address, latitude, longitude, phone, hours, parent_id) FROM STDIN";

    private final DatabaseClient db;
    private final PostgresCopy copy;

    private final ApplicationEventPublisher events;
    /** The services organisations of a category offer ({@code catalog/demo-services.tsv}), read once at start-up. */
    private final List<String[]> services;
    /** What the demo makes in every district ({@code catalog/demo-district.tsv}), read once at start-up. */
    private final DistrictTable districtTable = DistrictTable.load();

    CatalogDemoData(DatabaseClient db, PostgresCopy copy, ApplicationEventPublisher events) throws IOException {
        this.events = events;
        this.db = db;
        this.copy = copy;
        try (InputStream in = new ClassPathResource("catalog/demo-services.tsv").getInputStream()) {
            this.services = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t")).toList();
        }
    }

    @Override
    public String name() {
        return "catalogue";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Mono<Boolean> isLoaded() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM organization) AS loaded")
                .map(row -> Boolean.TRUE.equals(row.get("loaded", Boolean.class))).one();
    }

    @Override
    public Mono<Void> load() {
        // What keeps the catalogue in memory (sphere counts, search pages) forgets what it read while it was empty.
        return load(region -> true).then(Mono.fromRunnable(() -> events.publishEvent(
                new OrganizationsAdded(List.of()))));
    }

    /** Generates the organisations of the regions that {@code regions} accepts and copies them in; answers the count. */
    public Mono<Long> load(Predicate<String> regions) {
        Mono<Map<String, Integer>> categories = db.sql("SELECT code, id FROM category")
                .map(row -> Map.entry(row.get("code", String.class), row.get("id", Integer.class))).all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        Mono<Map<String, Integer>> spheres = db.sql("SELECT code, sphere_id FROM category")
                .map(row -> Map.entry(row.get("code", String.class), row.get("sphere_id", Short.class).intValue())).all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        Mono<List<CatalogGenerator.District>> districts = db.sql("""
                        SELECT d.id, d.region_id, r.code, d.name_ru, d.center, d.latitude, d.longitude
                        FROM district d JOIN region r ON r.id = d.region_id ORDER BY d.id""")
                .map(row -> new CatalogGenerator.District(row.get("id", Integer.class),
                        row.get("region_id", Short.class).intValue(), row.get("code", String.class),
                        row.get("name_ru", String.class), row.get("center", String.class),
                        row.get("latitude", Double.class), row.get("longitude", Double.class)))
                .all().collectList();
        return Mono.zip(categories, spheres, districts)
                .map(t -> new CatalogGenerator(SEED, t.getT1(), t.getT2(), districtTable).generate(t.getT3(), regions))
                .flatMap(rows -> copy(rows).flatMap(count -> db.sql(
                        "SELECT setval('organization_id_seq', (SELECT max(id) FROM organization))").then()
                        // Fresh statistics, or the planner keeps the empty table's and scans where it should not.
                        .then(addServices())
                        .then(db.sql("ANALYZE organization, search_word").then())
                        .thenReturn(count)));
    }

    /** The demo services of each organisation's category, for the organisations that have none yet. */
    private Mono<Void> addServices() {
        return db.sql("""
                        INSERT INTO organization_service (organization_id, name_ru, name_be, is_procedure, position)
                        SELECT o.id, v.ru, v.be, v.procedure, v.position
                        FROM organization o JOIN category c ON c.id = o.category_id
                        JOIN unnest(CAST(:codes AS text[]), CAST(:procedures AS boolean[]), CAST(:ru AS text[]),
                                    CAST(:be AS text[]), CAST(:positions AS int[])) AS v(code, procedure, ru, be, position)
                          ON v.code = c.code
                        WHERE NOT EXISTS (SELECT 1 FROM organization_service s WHERE s.organization_id = o.id)""")
                .bind("codes", services.stream().map(row -> row[0]).toArray(String[]::new))
                .bind("procedures", services.stream().map(row -> Boolean.valueOf(row[1])).toArray(Boolean[]::new))
                .bind("ru", services.stream().map(row -> row[2]).toArray(String[]::new))
                .bind("be", services.stream().map(row -> row[3]).toArray(String[]::new))
                .bind("positions", IntStream.range(0, services.size()).boxed().toArray(Integer[]::new))
                .then();
    }

    private Mono<Long> copy(List<CatalogGenerator.Row> rows) {
        return copy.copyIn(COPY, Flux.fromIterable(rows).buffer(500).map(CatalogDemoData::encode));
    }

    private static String encode(List<CatalogGenerator.Row> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 200);
        for (CatalogGenerator.Row r : rows) {
            out.append(r.id()).append('\t').append(text(r.name())).append('\t').append(text(r.shortName())).append('\t')
                    .append(text(r.unp())).append('\t').append(r.sphereId()).append('\t').append(r.categoryId()).append('\t')
                    .append(r.regionId()).append('\t').append(text(r.districtId())).append('\t')
                    .append(text(r.address())).append('\t').append(r.lat()).append('\t').append(r.lon()).append('\t')
                    .append(text(r.phone())).append('\t').append(text(r.hours())).append('\t')
                    .append(text(r.parentId())).append('\n');
        }
        return out.toString();
    }
}

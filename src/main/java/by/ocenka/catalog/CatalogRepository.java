package by.ocenka.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import by.ocenka.catalog.CatalogRecords.Named;
import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.CatalogRecords.RegionView;
import by.ocenka.catalog.CatalogRecords.SphereView;
import by.ocenka.platform.Page;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The catalogue's SQL. Names of spheres, categories and regions come in the request's language. */
@Repository
class CatalogRepository {

    private static final String SUMMARY_COLUMNS = """
            o.id, o.name, o.short_name, o.address, o.latitude, o.longitude,
            s.id AS sphere_id, s.name_%1$s AS sphere_name, c.id AS category_id, c.name_%1$s AS category_name,
            r.id AS region_id, r.name_%1$s AS region_name""";
    private static final String SUMMARY_JOINS = """
            FROM organization o
            JOIN sphere s ON s.id = o.sphere_id
            JOIN category c ON c.id = o.category_id
            JOIN region r ON r.id = o.region_id""";

    private final DatabaseClient db;

    CatalogRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<SphereView>> spheres(Locale locale) {
        String lang = column(locale);
        return db.sql("""
                        SELECT s.id, s.code, s.name_%1$s AS name, s.icon, c.id AS category_id, c.name_%1$s AS category_name,
                               (SELECT count(*) FROM organization o WHERE o.sphere_id = s.id AND o.status = 'ACTIVE') AS n
                        FROM sphere s JOIN category c ON c.sphere_id = s.id
                        ORDER BY s.position, c.id""".formatted(lang))
                .map(row -> new Object[]{row.get("id", Short.class).intValue(), row.get("code", String.class),
                        row.get("name", String.class), row.get("icon", String.class), row.get("n", Long.class),
                        new Named(row.get("category_id", Integer.class), row.get("category_name", String.class))})
                .all()
                .collectList()
                .map(rows -> {
                    Map<Integer, SphereView> spheres = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        spheres.computeIfAbsent((Integer) r[0], id -> new SphereView(id, (String) r[1], (String) r[2],
                                (String) r[3], (Long) r[4], new ArrayList<>())).categories().add((Named) r[5]);
                    }
                    return List.copyOf(spheres.values());
                });
    }

    Mono<List<RegionView>> regions(Locale locale) {
        String lang = column(locale);
        return db.sql("""
                        SELECT r.id, r.name_%1$s AS name, d.id AS district_id, coalesce(d.name_%1$s, d.name_ru) AS district_name
                        FROM region r JOIN district d ON d.region_id = r.id
                        ORDER BY r.id, d.name_ru""".formatted(lang))
                .map(row -> new Object[]{row.get("id", Short.class).intValue(), row.get("name", String.class),
                        new Named(row.get("district_id", Integer.class), row.get("district_name", String.class))})
                .all()
                .collectList()
                .map(rows -> {
                    Map<Integer, RegionView> regions = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        regions.computeIfAbsent((Integer) r[0], id -> new RegionView(id, (String) r[1], new ArrayList<>()))
                                .districts().add((Named) r[2]);
                    }
                    return List.copyOf(regions.values());
                });
    }

    Mono<Boolean> exists(String table, long id) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = :id) AS found")
                .bind("id", id)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    /** One page of active organisations matching the query, with the total in the same round trip. */
    Mono<Page<OrganizationSummary>> search(OrganizationQuery query, Locale locale) {
        StringBuilder where = new StringBuilder("WHERE o.status = 'ACTIVE'");
        Map<String, Object> binds = new LinkedHashMap<>();
        filter(where, binds, "o.sphere_id", "sphere", query.sphere() == null ? null : query.sphere().shortValue());
        filter(where, binds, "o.category_id", "category", query.category());
        filter(where, binds, "o.region_id", "region", query.region() == null ? null : query.region().shortValue());
        filter(where, binds, "o.district_id", "district", query.district());
        filter(where, binds, "o.parent_id", "parent", query.parent());
        String relevance = "0";
        String prefixQuery = query.text() == null ? null : prefixQuery(query.text());
        if (prefixQuery != null) {
            // Word forms and prefixes through the Russian text-search configuration; one-letter typos through
            // trigram word similarity on the name (both served by GIN indexes).
            where.append(" AND (o.search_vector @@ to_tsquery('russian', :tsq) OR lower(o.name) %> :q)");
            binds.put("tsq", prefixQuery);
            binds.put("q", query.text().toLowerCase(Locale.ROOT));
            // A short name typed in full ("Мингорисполком") must beat the long names that merely contain it.
            relevance = "ts_rank(o.search_vector, to_tsquery('russian', :tsq)) + greatest(word_similarity(:q, lower(o.name)),"
                    + " similarity(:q, lower(coalesce(o.short_name, ''))))";
        }
        String order = switch (query.sort()) {
            case RELEVANCE -> prefixQuery != null ? "relevance DESC, o.name" : "o.name";
            default -> "o.name";
        };
        String sql = "SELECT " + SUMMARY_COLUMNS.formatted(column(locale)) + ", " + relevance
                + " AS relevance, count(*) OVER () AS total " + SUMMARY_JOINS + " " + where
                + " ORDER BY " + order + ", o.id LIMIT :limit OFFSET :offset";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql)
                .bind("limit", query.page().size())
                .bind("offset", query.page().offset());
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(row -> Map.entry(summary(row), row.get("total", Long.class)))
                .all()
                .collectList()
                .map(rows -> new Page<>(rows.stream().map(Map.Entry::getKey).toList(), query.page().page(),
                        query.page().size(), rows.isEmpty() ? 0 : rows.get(0).getValue()))
                .flatMap(page -> page.items().isEmpty() && query.page().page() > 0
                        ? countOnly(where.toString(), binds).map(total -> new Page<>(List.<OrganizationSummary>of(),
                        query.page().page(), query.page().size(), total))
                        : Mono.just(page));
    }

    Mono<OrganizationDetail> detail(long id, Locale locale, String publicBaseUrl) {
        String lang = column(locale);
        return db.sql("SELECT " + SUMMARY_COLUMNS.formatted(lang) + """
                        , o.unp, o.phone, o.site, o.hours, o.status,
                          d.id AS district_id, coalesce(d.name_%1$s, d.name_ru) AS district_name,
                          p.id AS parent_id, p.name AS parent_name,
                          (SELECT count(*) FROM organization ch WHERE ch.parent_id = o.id AND ch.status = 'ACTIVE') AS children
                        """.formatted(lang) + SUMMARY_JOINS + """
                         LEFT JOIN district d ON d.id = o.district_id
                         LEFT JOIN organization p ON p.id = o.parent_id
                        WHERE o.id = :id AND o.status = 'ACTIVE'""")
                .bind("id", id)
                .map(row -> {
                    OrganizationSummary s = summary(row);
                    Integer districtId = row.get("district_id", Integer.class);
                    Long parentId = row.get("parent_id", Long.class);
                    return new OrganizationDetail(s.id(), s.name(), s.shortName(), s.sphere(), s.category(), s.region(),
                            districtId == null ? null : new Named(districtId, row.get("district_name", String.class)),
                            s.address(), s.lat(), s.lon(), null, 0, null, null, row.get("unp", String.class),
                            row.get("phone", String.class), row.get("site", String.class), row.get("hours", String.class),
                            parentId == null ? null : new Named(parentId, row.get("parent_name", String.class)),
                            row.get("children", Long.class), publicBaseUrl + "/o/" + s.id() + "/rate",
                            "/api/v1/organizations/" + s.id() + "/qr?format=svg");
                })
                .one();
    }

    private Mono<Long> countOnly(String where, Map<String, Object> binds) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT count(*) AS total FROM organization o " + where);
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(row -> row.get("total", Long.class)).one();
    }

    private static void filter(StringBuilder where, Map<String, Object> binds, String column, String name, Object value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = :").append(name);
            binds.put(name, value);
        }
    }

    /** "поликлиники Пинск" → "поликлиники:* & пинск:*": every word, each as a prefix; null when no word is left. */
    static String prefixQuery(String text) {
        List<String> words = List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).stream()
                .filter(w -> !w.isEmpty()).limit(8).toList();
        return words.isEmpty() ? null : words.stream().map(w -> w + ":*").collect(Collectors.joining(" & "));
    }

    private static OrganizationSummary summary(Readable row) {
        return new OrganizationSummary(row.get("id", Long.class), row.get("name", String.class),
                row.get("short_name", String.class),
                new Named(row.get("sphere_id", Short.class), row.get("sphere_name", String.class)),
                new Named(row.get("category_id", Integer.class), row.get("category_name", String.class)),
                new Named(row.get("region_id", Short.class), row.get("region_name", String.class)),
                row.get("address", String.class), row.get("latitude", Double.class), row.get("longitude", Double.class),
                null, 0, null, null);
    }

    /** The column suffix of the request's language: ru, be or en. */
    private static String column(Locale locale) {
        String language = locale.getLanguage();
        return language.equals("be") || language.equals("en") ? language : "ru";
    }
}

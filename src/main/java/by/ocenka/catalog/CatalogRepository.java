package by.ocenka.catalog;

import java.util.ArrayList;
import java.util.HashMap;
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
import reactor.core.publisher.Flux;
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
    private final BroadSearchCache broadSearches;

    CatalogRepository(DatabaseClient db, BroadSearchCache broadSearches) {
        this.db = db;
        this.broadSearches = broadSearches;
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

    /** An organisation's id and district, as a registry import needs for parents. */
    record Placed(long id, Integer districtId) {
    }

    /** Spheres, categories and districts, small enough to hold while a file is checked. */
    record ReferenceData(Map<String, Integer> spheres, Map<String, Integer> categories, Map<Integer, Integer> sphereOfCategories,
                         List<double[]> districts) {

        /** By code (any case) or by id. */
        Integer sphere(String key) {
            return key == null ? null : spheres.get(key.strip().toUpperCase(Locale.ROOT));
        }

        Integer category(String key) {
            return key == null ? null : categories.get(key.strip().toUpperCase(Locale.ROOT));
        }

        int sphereOfCategory(int categoryId) {
            return sphereOfCategories.get(categoryId);
        }

        /** The district whose centre is nearest (on the local flat approximation, fine within a country). */
        Integer nearestDistrict(double lat, double lon) {
            double best = Double.MAX_VALUE;
            Integer id = null;
            double scale = Math.cos(Math.toRadians(lat));
            for (double[] d : districts) {
                double dx = (d[2] - lon) * scale;
                double dy = d[1] - lat;
                double distance = dx * dx + dy * dy;
                if (distance < best) {
                    best = distance;
                    id = (int) d[0];
                }
            }
            return id;
        }
    }

    Mono<ReferenceData> referenceData() {
        Mono<Map<String, Integer>> spheres = db.sql("SELECT id, code FROM sphere")
                .map(row -> new Object[]{row.get("id", Short.class).intValue(), row.get("code", String.class)})
                .all()
                .collect(HashMap::new, (map, r) -> {
                    map.put(String.valueOf(r[0]), (Integer) r[0]);
                    map.put(((String) r[1]).toUpperCase(Locale.ROOT), (Integer) r[0]);
                });
        Mono<List<int[]>> categoryRows = db.sql("SELECT id, sphere_id FROM category")
                .map(row -> new int[]{row.get("id", Integer.class), row.get("sphere_id", Short.class).intValue()})
                .all().collectList();
        Mono<Map<String, Integer>> categoryCodes = db.sql("SELECT id, code FROM category")
                .map(row -> Map.entry(row.get("code", String.class).toUpperCase(Locale.ROOT), row.get("id", Integer.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
        Mono<List<double[]>> districts = db.sql("SELECT id, latitude, longitude FROM district")
                .map(row -> new double[]{row.get("id", Integer.class), row.get("latitude", Double.class),
                        row.get("longitude", Double.class)})
                .all().collectList();
        return Mono.zip(spheres, categoryRows, categoryCodes, districts).map(t -> {
            Map<String, Integer> categories = new HashMap<>(t.getT3());
            Map<Integer, Integer> sphereOf = new HashMap<>();
            for (int[] c : t.getT2()) {
                categories.put(String.valueOf(c[0]), c[0]);
                sphereOf.put(c[0], c[1]);
            }
            return new ReferenceData(t.getT1(), categories, sphereOf, t.getT4());
        });
    }

    /** The organisations (any status) holding these UNPs. */
    Mono<Map<String, Placed>> organizationsByUnp(List<String> unps) {
        if (unps.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT id, unp, district_id FROM organization WHERE unp = ANY(:unps)")
                .bind("unps", unps.toArray(String[]::new))
                .map(row -> Map.entry(row.get("unp", String.class), new Placed(row.get("id", Long.class),
                        row.get("district_id", Integer.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Inserts an active organisation, its region taken from its district; answers the new id. */
    Mono<Long> insert(NewOrganization o) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO organization (name, short_name, unp, sphere_id, category_id, region_id, district_id,
                                                  address, latitude, longitude, parent_id, phone, site, hours, status)
                        SELECT :name, :shortName, :unp, :sphere, :category, d.region_id, d.id, :address, :lat, :lon,
                               :parent, :phone, :site, :hours, 'ACTIVE'
                        FROM district d WHERE d.id = :district
                        RETURNING id""")
                .bind("name", o.name())
                .bind("sphere", (short) o.sphereId())
                .bind("category", o.categoryId())
                .bind("district", o.districtId())
                .bind("address", o.address());
        spec = bindNullable(spec, "shortName", o.shortName(), String.class);
        spec = bindNullable(spec, "unp", o.unp(), String.class);
        spec = bindNullable(spec, "lat", o.lat(), Double.class);
        spec = bindNullable(spec, "lon", o.lon(), Double.class);
        spec = bindNullable(spec, "parent", o.parentId(), Long.class);
        spec = bindNullable(spec, "phone", o.phone(), String.class);
        spec = bindNullable(spec, "site", o.site(), String.class);
        spec = bindNullable(spec, "hours", o.hours(), String.class);
        return spec.map(row -> row.get("id", Long.class)).one();
    }

    private static <T> DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
                                                                      T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    Mono<CatalogService.Placement> placement(long id) {
        return db.sql("SELECT id, sphere_id, region_id, parent_id FROM organization WHERE id = :id AND status = 'ACTIVE'")
                .bind("id", id).map(row -> placement(row)).one();
    }

    Flux<CatalogService.Placement> placements() {
        return db.sql("SELECT id, sphere_id, region_id, parent_id FROM organization WHERE status = 'ACTIVE'")
                .map(row -> placement(row)).all();
    }

    private static CatalogService.Placement placement(Readable row) {
        return new CatalogService.Placement(row.get("id", Long.class), row.get("sphere_id", Short.class),
                row.get("region_id", Short.class), row.get("parent_id", Long.class));
    }

    /** The organisation and its ancestors, nearest first (empty when it is not active). */
    Mono<List<Long>> lineage(long id) {
        return db.sql("""
                        WITH RECURSIVE up(id, parent_id, depth) AS (
                            SELECT id, parent_id, 0 FROM organization WHERE id = :id AND status = 'ACTIVE'
                            UNION ALL
                            SELECT o.id, o.parent_id, up.depth + 1 FROM organization o JOIN up ON o.id = up.parent_id
                            WHERE up.depth < 32)
                        SELECT id FROM up ORDER BY depth""")
                .bind("id", id).map(row -> row.get("id", Long.class)).all().collectList();
    }

    Mono<List<OrganizationSummary>> summaries(List<Long> ids, Locale locale) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("SELECT " + SUMMARY_COLUMNS.formatted(column(locale)) + " " + SUMMARY_JOINS
                        + " WHERE o.id = ANY(:ids) AND o.status = 'ACTIVE'")
                .bind("ids", ids.toArray(Long[]::new))
                .map(CatalogRepository::summary)
                .all()
                .collectMap(OrganizationSummary::id)
                .map(byId -> ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList());
    }

    /** The sortable copies of the ratings (kept by the rating feature's reconciler). */
    Mono<Void> updateRatings(long[] ids, long[] counts, Double[] scores, Double[] rankScores) {
        return db.sql("""
                        UPDATE organization o SET ratings_count = u.n, score = u.score, rank_score = u.rank_score
                        FROM unnest(:ids::bigint[], :counts::bigint[], :scores::float8[], :rankScores::float8[])
                             AS u(id, n, score, rank_score)
                        WHERE o.id = u.id AND (o.ratings_count, o.score, o.rank_score)
                              IS DISTINCT FROM (u.n, u.score, u.rank_score)""")
                .bind("ids", box(ids)).bind("counts", box(counts)).bind("scores", scores).bind("rankScores", rankScores)
                .then();
    }

    private static Long[] box(long[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Long[]::new);
    }

    Mono<Boolean> isActive(long id) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM organization WHERE id = :id AND status = 'ACTIVE') AS found")
                .bind("id", id)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    Mono<Boolean> exists(String table, long id) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = :id) AS found")
                .bind("id", id)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    /**
     * One page of active organisations matching the query, with the total in the same round trip. The text matches
     * through Russian full-text search (word forms, every word as a prefix); when that finds nothing, the words are
     * corrected against the dictionary of catalogue words (one-letter typos) and the search runs once more.
     */
    Mono<Page<OrganizationSummary>> search(OrganizationQuery query, Locale locale) {
        List<String> words = query.text() == null ? List.of() : words(query.text());
        if (words.isEmpty()) {
            return search(query, null, locale);
        }
        String exact = words.stream().map(w -> w + ":*").collect(Collectors.joining(" & "));
        return search(query, exact, locale).flatMap(page -> page.total() > 0 ? Mono.just(page)
                : corrected(words).flatMap(tsquery -> tsquery.equals(exact) ? Mono.just(page)
                : search(query, tsquery, locale)));
    }

    /**
     * Pages of broad searches are kept a while, keyed by the text query as PostgreSQL sees it: what many citizens
     * type first (and their misspellings of it, once corrected) is one entry.
     */
    private Mono<Page<OrganizationSummary>> search(OrganizationQuery query, String tsquery, Locale locale) {
        if (tsquery == null) {
            return evaluate(query, null, locale);
        }
        OrganizationQuery key = new OrganizationQuery(tsquery, query.sphere(), query.category(), query.region(),
                query.district(), query.parent(), query.sort(), query.page());
        return broadSearches.get(key, column(locale), () -> evaluate(query, tsquery, locale));
    }

    private Mono<Page<OrganizationSummary>> evaluate(OrganizationQuery query, String tsquery, Locale locale) {
        StringBuilder where = new StringBuilder("WHERE o.status = 'ACTIVE'");
        Map<String, Object> binds = new LinkedHashMap<>();
        String from = tsquery == null ? "organization o" : "organization o, to_tsquery('russian', :tsq) AS tq(query)";
        filter(where, binds, "o.sphere_id", "sphere", query.sphere() == null ? null : query.sphere().shortValue());
        filter(where, binds, "o.category_id", "category", query.category());
        filter(where, binds, "o.region_id", "region", query.region() == null ? null : query.region().shortValue());
        filter(where, binds, "o.district_id", "district", query.district());
        filter(where, binds, "o.parent_id", "parent", query.parent());
        String relevance = "0";
        if (tsquery != null) {
            // The query is parsed once, in FROM: as an expression over a bind parameter it would be parsed and
            // stemmed again for every row.
            where.append(" AND o.search_vector @@ tq.query");
            binds.put("tsq", tsquery);
            // Short names weigh most, then names, then addresses (the vector's weights, V4). Nothing per row but
            // the rank: a broad prefix such as "рай" matches most of the catalogue.
            relevance = "ts_rank(o.search_vector, tq.query)";
        }
        String order = switch (query.sort()) {
            case RELEVANCE -> tsquery != null ? "relevance DESC" : "o.name";
            case NAME -> "o.name";
            // The sortable copies the reconciler keeps; the figures shown come fresh from the rating feature.
            case RANK -> "o.rank_score DESC NULLS LAST, o.name";
            case SCORE -> "o.score DESC NULLS LAST, o.name";
            case RATINGS -> "o.ratings_count DESC, o.name";
        };
        // The page is chosen on the organisation table alone (with the total of matches); only its rows are
        // joined to their sphere, category and region.
        String sql = "SELECT " + SUMMARY_COLUMNS.formatted(column(locale)) + ", page.total " + SUMMARY_JOINS
                + " JOIN (SELECT o.id, " + relevance + " AS relevance, count(*) OVER () AS total FROM " + from + " "
                + where + " ORDER BY " + order + ", o.id LIMIT :limit OFFSET :offset) page ON page.id = o.id"
                + " ORDER BY " + order.replace("relevance", "page.relevance") + ", o.id";
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
                        ? countOnly(from, where.toString(), binds).map(total -> new Page<>(List.<OrganizationSummary>of(),
                        query.page().page(), query.page().size(), total))
                        : Mono.just(page));
    }

    /**
     * The text query with each word widened by its near spellings among the catalogue's words: "паликл" →
     * "(паликл:* | поликлиника:* | поликлиники:*)". An edit distance of one per four letters, at most two, measured
     * against the same number of leading letters so that a typo in a half-typed word is forgiven too.
     */
    private Mono<String> corrected(List<String> words) {
        // Corrections are returned as their Russian stems, once each: "района", "районе" and "районы" are one
        // alternative, not three for every row to be ranked against.
        return db.sql("""
                        SELECT DISTINCT q.i, coalesce((ts_lexize('russian_stem', s.word))[1], s.word) AS word
                        FROM unnest(:words::text[]) WITH ORDINALITY AS q(w, i)
                        CROSS JOIN LATERAL (
                            SELECT word FROM search_word
                            WHERE length(q.w) >= 4
                              AND levenshtein(left(word, length(q.w)), q.w) <= CASE WHEN length(q.w) >= 8 THEN 2 ELSE 1 END
                            ORDER BY levenshtein(left(word, length(q.w)), q.w), abs(length(word) - length(q.w)), word
                            LIMIT 4) s""")
                .bind("words", words.toArray(String[]::new))
                .map(row -> Map.entry(row.get("i", Long.class).intValue() - 1, row.get("word", String.class)))
                .all()
                .collectList()
                .map(corrections -> {
                    List<String> terms = new ArrayList<>();
                    for (int i = 0; i < words.size(); i++) {
                        int index = i;
                        boolean corrected = corrections.stream().anyMatch(c -> c.getKey() == index);
                        // A single word that found nothing is no use as an alternative to its corrections.
                        List<String> alternatives = words.size() == 1 && corrected ? new ArrayList<>()
                                : new ArrayList<>(List.of(words.get(i)));
                        for (Map.Entry<Integer, String> c : corrections) {
                            if (c.getKey() == i && !alternatives.contains(c.getValue())) {
                                alternatives.add(c.getValue());
                            }
                        }
                        if (alternatives.isEmpty()) {
                            alternatives.add(words.get(i));
                        }
                        terms.add(alternatives.size() == 1 ? alternatives.get(0) + ":*"
                                : alternatives.stream().map(w -> w + ":*").collect(Collectors.joining(" | ", "(", ")")));
                    }
                    return String.join(" & ", terms);
                });
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
                            "/api/v1/organizations/" + s.id() + "/qr?format=svg", List.of(), Map.of(), Map.of());
                })
                .one();
    }

    /** Up to {@code limit} active organisations with coordinates inside the area, as map points. */
    Mono<List<GeoJson.Feature>> mapPoints(MapArea area, Integer sphere, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT o.id, o.name, o.longitude, o.latitude, o.score, o.ratings_count "
                        + "FROM organization o " + mapWhere(sphere) + " ORDER BY o.id LIMIT :limit")
                .bind("limit", limit);
        return bindArea(spec, area, sphere)
                .map(row -> {
                    Map<String, Object> properties = new LinkedHashMap<>();
                    properties.put("id", row.get("id", Long.class));
                    properties.put("name", row.get("name", String.class));
                    // The reconciler's copies (minutes old at most): a map of thousands of markers needs no fresher.
                    properties.put("score", row.get("score", Double.class));
                    properties.put("ratingsCount", row.get("ratings_count", Long.class));
                    return new GeoJson.Feature(new GeoJson.Point(row.get("longitude", Double.class),
                            row.get("latitude", Double.class)), properties);
                })
                .all()
                .collectList();
    }

    /**
     * The active organisations inside the area grouped into a grid of {@code columns} × {@code rows} cells: one
     * feature per non-empty cell, at the mean position of its organisations, carrying their count.
     */
    Mono<List<GeoJson.Feature>> mapClusters(MapArea area, Integer sphere, int columns, int rows) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(
                        "SELECT count(*) AS n, avg(o.longitude) AS lon, avg(o.latitude) AS lat, avg(o.score) AS score "
                        + "FROM organization o "
                        + mapWhere(sphere)
                        + " GROUP BY floor((o.longitude - :minLon) / :cellWidth), floor((o.latitude - :minLat) / :cellHeight)"
                        + " ORDER BY 1 DESC")
                .bind("cellWidth", (area.maxLon() - area.minLon()) / columns)
                .bind("cellHeight", (area.maxLat() - area.minLat()) / rows);
        return bindArea(spec, area, sphere)
                .map(row -> {
                    Map<String, Object> properties = new LinkedHashMap<>();
                    properties.put("cluster", true);
                    properties.put("count", row.get("n", Long.class));
                    Double score = row.get("score", Double.class);
                    properties.put("score", score == null ? null : Math.round(score * 100) / 100.0);
                    return new GeoJson.Feature(new GeoJson.Point(row.get("lon", Double.class), row.get("lat", Double.class)),
                            properties);
                })
                .all()
                .collectList();
    }

    private static String mapWhere(Integer sphere) {
        return "WHERE o.status = 'ACTIVE' AND o.longitude BETWEEN :minLon AND :maxLon AND o.latitude BETWEEN :minLat AND :maxLat"
                + (sphere == null ? "" : " AND o.sphere_id = :sphere");
    }

    private static DatabaseClient.GenericExecuteSpec bindArea(DatabaseClient.GenericExecuteSpec spec, MapArea area,
                                                              Integer sphere) {
        spec = spec.bind("minLon", area.minLon()).bind("maxLon", area.maxLon())
                .bind("minLat", area.minLat()).bind("maxLat", area.maxLat());
        return sphere == null ? spec : spec.bind("sphere", sphere.shortValue());
    }

    private Mono<Long> countOnly(String from, String where, Map<String, Object> binds) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT count(*) AS total FROM " + from + " " + where);
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

    /** "Поликлиники, Пинск" → [поликлиники, пинск]: the lower-cased words, at most eight. */
    static List<String> words(String text) {
        return List.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).stream()
                .filter(w -> !w.isEmpty()).limit(8).toList();
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

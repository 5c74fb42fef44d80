package by.ocenka.catalog.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.OrganizationQuery;
import by.ocenka.platform.Page;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** One page of active organisations matching a query's filters and text query, with the total. */
@Repository
class SearchRepository {

    private final DatabaseClient db;

    SearchRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * One page with the total in the same round trip.
     *
     * @param tsquery the text query as PostgreSQL's {@code to_tsquery} takes it, or null for no text
     * @param wholeWords the same query with whole words, whose matches rank first (null: rank by the query alone)
     * @param words the words as typed: an organisation in a town of that name ranks above the others
     */
    Mono<Page<OrganizationSummary>> page(OrganizationQuery query, String tsquery, String wholeWords, List<String> words,
                                         Locale locale) {
        StringBuilder where = new StringBuilder("WHERE o.status = 'ACTIVE'");
        Map<String, Object> binds = new LinkedHashMap<>();
        String from = (tsquery == null ? "organization o" : "organization o, to_tsquery('russian', :tsq) AS tq(query)"
                + (wholeWords == null ? "" : ", to_tsquery('russian', :whole) AS tw(query)"))
                // Nearest first without the citizen's position: from the chosen district's centre.
                + (query.sort() == OrganizationQuery.Sort.NEAR && query.near() == null
                ? ", (SELECT latitude, longitude, cos(radians(latitude)) FROM district WHERE id = :district) AS centre(lat, lon, cos)"
                : "");
        filter(where, binds, "o.sphere_id", "sphere", query.sphere() == null ? null : query.sphere().shortValue());
        filter(where, binds, "o.category_id", "category", query.category());
        filter(where, binds, "o.region_id", "region", query.region() == null ? null : query.region().shortValue());
        filter(where, binds, "o.district_id", "district", query.district());
        filter(where, binds, "o.parent_id", "parent", query.parent());
        String relevance = "0";
        if (tsquery != null) {
            // The query is parsed once, in FROM: as an expression over a bind parameter it would be parsed and
            // stemmed again for every row.
            // Found through every name (search_all: Belarusian and Latin too, V37), ranked by the Russian ones.
            where.append(" AND o.search_all @@ tq.query");
            binds.put("tsq", tsquery);
            // Short names weigh most, then names, then addresses (the vector's weights, V4). Nothing per row but
            // the rank: a broad prefix such as "рай" matches most of the catalogue.
            // Normalised by the length of the text (2: divided by it): of two names that both match, the shorter is
            // more likely the body itself ("Минский горисполком" before one of its committees).
            relevance = "ts_rank(o.search_vector, tq.query, 2)";
            if (wholeWords != null) {
                binds.put("whole", wholeWords);
                relevance = "(o.search_all @@ tw.query)::int + " + relevance;
            }
            // A typed word that is the organisation's town, whole: "минск" puts Minsk's offices above the Minsk
            // district's ("Минскому району" has the same stem). Less than a whole-word match of the query.
            if (!words.isEmpty()) {
                relevance = "0.5 * (o.place_names && :words::text[])::int + " + relevance;
            }
        }
        String order = switch (query.sort()) {
            case RELEVANCE -> tsquery != null ? "relevance DESC" : "o.name";
            case NAME -> "o.name";
            // The sortable copies the reconciler keeps; the figures shown come fresh from the rating feature.
            case RANK -> "o.rank_score DESC NULLS LAST, o.name";
            case SCORE -> "o.score DESC NULLS LAST, o.name";
            case RATINGS -> "o.ratings_count DESC, o.name";
            // Nearest first: the distance on a plane scaled by the latitude's cosine (good enough within a country).
            case NEAR -> "distance NULLS LAST, o.name";
        };
        String distance = "NULL::float8";
        // Bound on the page's statement only (the count past the last page has no distance).
        Map<String, Object> pageBinds = new LinkedHashMap<>(binds);
        if (relevance.contains(":words")) {
            pageBinds.put("words", words.toArray(String[]::new));
        }
        if (query.near() != null) {
            pageBinds.put("nearLat", query.near().lat());
            pageBinds.put("nearLon", query.near().lon());
            pageBinds.put("cosLat", Math.cos(Math.toRadians(query.near().lat())));
            distance = "((o.latitude - :nearLat) ^ 2 + ((o.longitude - :nearLon) * :cosLat) ^ 2)";
        } else if (query.sort() == OrganizationQuery.Sort.NEAR) {
            distance = "((o.latitude - centre.lat) ^ 2 + ((o.longitude - centre.lon) * centre.cos) ^ 2)";
        }
        // The page is chosen on the organisation table alone (with the total of matches); only its rows are
        // joined to their sphere, category and region. Each match's sort keys are computed once, below the window
        // (OFFSET 0 keeps the planner from pulling them up): else the window keeps every match's vectors for the sort
        // above it, and a broad search ("район", half the catalogue) spills to disk.
        String matches = "SELECT o.id, o.name, o.rank_score, o.score, o.ratings_count, " + relevance + " AS relevance, "
                + distance + " AS distance FROM " + from + " " + where + " OFFSET 0";
        String sql = "SELECT " + CatalogRows.SUMMARY_COLUMNS.formatted(CatalogRows.language(locale)) + ", page.total "
                + CatalogRows.SUMMARY_JOINS
                + " JOIN (SELECT m.id, m.relevance, m.distance, count(*) OVER () AS total FROM (" + matches + ") m ORDER BY "
                + order.replace("o.", "m.") + ", m.id LIMIT :limit OFFSET :offset) page ON page.id = o.id"
                + " ORDER BY " + order.replace("relevance", "page.relevance").replace("distance", "page.distance") + ", o.id";
        DatabaseClient.GenericExecuteSpec spec = bind(db.sql(sql), pageBinds)
                .bind("limit", query.page().size())
                .bind("offset", query.page().offset());
        return Page.counted(spec.map(row -> Map.entry(CatalogRows.summary(row), row.get("total", Long.class))).all(),
                        query.page())
                // Past the last page the window has no row to carry the total: count on its own.
                .flatMap(page -> page.items().isEmpty() && query.page().page() > 0
                        ? count(from, where.toString(), binds).map(total -> new Page<>(List.<OrganizationSummary>of(),
                        query.page().page(), query.page().size(), total))
                        : Mono.just(page));
    }

    private Mono<Long> count(String from, String where, Map<String, Object> binds) {
        return bind(db.sql("SELECT count(*) AS total FROM " + from + " " + where), binds)
                .map(row -> row.get("total", Long.class)).one();
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Map<String, Object> binds) {
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }

    private static void filter(StringBuilder where, Map<String, Object> binds, String column, String name, Object value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = :").append(name);
            binds.put(name, value);
        }
    }
}

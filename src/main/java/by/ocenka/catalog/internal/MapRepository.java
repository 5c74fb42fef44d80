package by.ocenka.catalog.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.GeoJson;
import by.ocenka.catalog.MapArea;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The map's points and grid clusters inside a bounding box. */
@Repository
public class MapRepository {

    private final DatabaseClient db;

    MapRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Up to {@code limit} active organisations with coordinates inside the area, as map points. */
    public Mono<List<GeoJson.Feature>> points(MapArea area, Integer sphere, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT o.id, o.name, o.longitude, o.latitude, o.score, o.ratings_count "
                        + "FROM organization o " + where(sphere) + " ORDER BY o.id LIMIT :limit")
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
    public Mono<List<GeoJson.Feature>> clusters(MapArea area, Integer sphere, int columns, int rows) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(
                        "SELECT count(*) AS n, avg(o.longitude) AS lon, avg(o.latitude) AS lat, avg(o.score) AS score "
                        + "FROM organization o "
                        + where(sphere)
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

    private static String where(Integer sphere) {
        return "WHERE o.status = 'ACTIVE' AND o.longitude BETWEEN :minLon AND :maxLon AND o.latitude BETWEEN :minLat AND :maxLat"
                + (sphere == null ? "" : " AND o.sphere_id = :sphere");
    }

    private static DatabaseClient.GenericExecuteSpec bindArea(DatabaseClient.GenericExecuteSpec spec, MapArea area,
                                                              Integer sphere) {
        spec = spec.bind("minLon", area.minLon()).bind("maxLon", area.maxLon())
                .bind("minLat", area.minLat()).bind("maxLat", area.maxLat());
        return sphere == null ? spec : spec.bind("sphere", sphere.shortValue());
    }
}

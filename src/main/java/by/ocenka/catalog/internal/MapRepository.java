package by.ocenka.catalog.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.GeoJson;
import by.ocenka.catalog.MapArea;
import by.ocenka.catalog.MapClusters;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The map's points and the cells its clusters are made of, inside a bounding box. */
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
     * The active organisations inside the area grouped into square cells of the screen at the zoom level
     * ({@link MapClusters#CELL_PIXELS} Web Mercator pixels a side): per non-empty cell, the count, the rated count and
     * their scores' sum, at the mean position of its organisations.
     */
    public Mono<List<MapClusters.Cell>> cells(MapArea area, Integer sphere, int zoom) {
        double scale = 256 * Math.pow(2, zoom) / MapClusters.CELL_PIXELS;
        DatabaseClient.GenericExecuteSpec spec = db.sql(
                        "SELECT count(*) AS n, count(o.score) AS rated, coalesce(sum(o.score), 0) AS score_sum, "
                        + "avg(o.longitude) AS lon, avg(o.latitude) AS lat FROM organization o "
                        + where(sphere)
                        + " GROUP BY floor((o.longitude + 180) / 360 * :scale),"
                        + " floor((1 - ln(tan(radians(o.latitude)) + 1 / cos(radians(o.latitude))) / pi()) / 2 * :scale)")
                .bind("scale", scale);
        return bindArea(spec, area, sphere)
                .map(row -> new MapClusters.Cell(row.get("n", Long.class), row.get("rated", Long.class),
                        row.get("score_sum", Double.class), row.get("lon", Double.class), row.get("lat", Double.class)))
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

package by.ocenka.catalog;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** The GeoJSON (RFC 7946) the map endpoint answers: points and clusters as features of one collection. */
public final class GeoJson {

    private GeoJson() {
    }

    public record FeatureCollection(String type, List<Feature> features) {
        public FeatureCollection(List<Feature> features) {
            this("FeatureCollection", features);
        }
    }

    public record Feature(String type, Point geometry,
                          @Schema(description = "A point: {id, name, score (null while unrated), ratingsCount}; a "
                                  + "cluster: {cluster: true, count, score, size}",
                                  additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
                          Map<String, Object> properties) {
        public Feature(Point geometry, Map<String, Object> properties) {
            this("Feature", geometry, properties);
        }
    }

    /** Coordinates in GeoJSON order: longitude, then latitude. */
    public record Point(String type, double[] coordinates) {
        public Point(double lon, double lat) {
            this("Point", new double[]{lon, lat});
        }
    }
}

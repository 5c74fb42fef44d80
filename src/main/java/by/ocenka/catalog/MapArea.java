package by.ocenka.catalog;

import by.ocenka.platform.ApiException;

/** A map's bounding box in degrees, parsed from {@code minLon,minLat,maxLon,maxLat}. */
public record MapArea(double minLon, double minLat, double maxLon, double maxLat) {

    /** A 400 naming {@code bbox} unless the text is four numbers in range with each minimum below its maximum. */
    public static MapArea parse(String bbox) {
        String[] parts = bbox == null ? new String[0] : bbox.split(",");
        if (parts.length != 4) {
            throw ApiException.invalid("bbox", "validation.bbox");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw ApiException.invalid("bbox", "validation.bbox");
            }
        }
        boolean inRange = v[0] >= -180 && v[2] <= 180 && v[1] >= -90 && v[3] <= 90;
        if (!inRange || !(v[0] < v[2]) || !(v[1] < v[3])) {
            throw ApiException.invalid("bbox", "validation.bbox");
        }
        return new MapArea(v[0], v[1], v[2], v[3]);
    }
}

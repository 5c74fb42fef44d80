package by.ocenka.catalog.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Spheres, categories and districts, small enough to hold while an organisation or a file is checked. */
public record ReferenceData(Map<String, Integer> spheres, Map<String, Integer> categories,
                            Map<Integer, Integer> sphereOfCategories, List<District> districts) {

    /** A district and the coordinates of its centre. */
    public record District(int id, double lat, double lon) {
    }

    /** By code (any case) or by id. */
    public Integer sphere(String key) {
        return key == null ? null : spheres.get(key.strip().toUpperCase(Locale.ROOT));
    }

    public Integer category(String key) {
        return key == null ? null : categories.get(key.strip().toUpperCase(Locale.ROOT));
    }

    public int sphereOfCategory(int categoryId) {
        return sphereOfCategories.get(categoryId);
    }

    public boolean hasDistrict(int id) {
        return districts.stream().anyMatch(d -> d.id() == id);
    }

    /** The district whose centre is nearest (on the local flat approximation, fine within a country). */
    public Integer nearestDistrict(double lat, double lon) {
        double best = Double.MAX_VALUE;
        Integer id = null;
        double scale = Math.cos(Math.toRadians(lat));
        for (District d : districts) {
            double dx = (d.lon() - lon) * scale;
            double dy = d.lat() - lat;
            double distance = dx * dx + dy * dy;
            if (distance < best) {
                best = distance;
                id = d.id();
            }
        }
        return id;
    }
}

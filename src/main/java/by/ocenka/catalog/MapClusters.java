package by.ocenka.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clusters for the map at one zoom level, placed so that no two bubbles overlap on the screen. The database groups
 * the organisations into small square cells of the screen (Web Mercator pixels at that zoom); here neighbouring cells
 * whose bubbles would touch are merged (weighted by their counts) until none do. A bubble's size grows with the
 * logarithm of its count and is sent with it, so the page draws exactly what was laid out.
 */
public final class MapClusters {

    /** The side of the cells the database groups by, in screen pixels. */
    public static final int CELL_PIXELS = 40;
    private static final int MIN_SIZE = 28;
    private static final int MAX_SIZE = 64;
    /** Room left between two bubbles, in pixels. */
    private static final int GAP = 2;

    /** A cell's (or a merged cluster's) organisations: count, rated count, the sum of scores, the mean position. */
    public record Cell(long count, long rated, double scoreSum, double lon, double lat) {
    }

    private MapClusters() {
    }

    /** The zoom level at which the area fills a screen this many pixels wide (a map that did not say its zoom). */
    public static int zoomFor(MapArea area, int screenPixels) {
        double zoom = Math.log(screenPixels * 360.0 / (256 * (area.maxLon() - area.minLon()))) / Math.log(2);
        return (int) Math.max(0, Math.min(18, Math.floor(zoom)));
    }

    /** The bubble's diameter in pixels for a count. */
    public static int size(long count) {
        return (int) Math.min(MAX_SIZE, MIN_SIZE + Math.round(Math.log(Math.max(1, count)) * 4));
    }

    /** Web Mercator x in pixels at the zoom. */
    public static double x(double lon, int zoom) {
        return (lon + 180) / 360 * 256 * Math.pow(2, zoom);
    }

    /** Web Mercator y in pixels at the zoom. */
    public static double y(double lat, int zoom) {
        double r = Math.toRadians(lat);
        return (1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * 256 * Math.pow(2, zoom);
    }

    /** Merges cells whose bubbles would overlap at the zoom, and answers the clusters as map features. */
    public static List<GeoJson.Feature> layout(List<Cell> cells, int zoom) {
        List<Cell> clusters = new ArrayList<>(cells);
        boolean merged = true;
        while (merged) {
            merged = false;
            clusters.sort(Comparator.comparingLong(Cell::count).reversed());
            List<Cell> placed = new ArrayList<>();
            for (Cell cell : clusters) {
                int into = -1;
                for (int i = 0; i < placed.size() && into < 0; i++) {
                    if (overlap(placed.get(i), cell, zoom)) {
                        into = i;
                    }
                }
                if (into < 0) {
                    placed.add(cell);
                } else {
                    placed.set(into, merge(placed.get(into), cell));
                    merged = true;
                }
            }
            clusters = placed;
        }
        return clusters.stream().map(MapClusters::feature).toList();
    }

    private static boolean overlap(Cell a, Cell b, int zoom) {
        double dx = x(a.lon(), zoom) - x(b.lon(), zoom);
        double dy = y(a.lat(), zoom) - y(b.lat(), zoom);
        double room = (size(a.count()) + size(b.count())) / 2.0 + GAP;
        return dx * dx + dy * dy < room * room;
    }

    private static Cell merge(Cell a, Cell b) {
        long count = a.count() + b.count();
        return new Cell(count, a.rated() + b.rated(), a.scoreSum() + b.scoreSum(),
                (a.lon() * a.count() + b.lon() * b.count()) / count, (a.lat() * a.count() + b.lat() * b.count()) / count);
    }

    private static GeoJson.Feature feature(Cell cell) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("cluster", true);
        properties.put("count", cell.count());
        properties.put("score", cell.rated() == 0 ? null : Math.round(cell.scoreSum() / cell.rated() * 100) / 100.0);
        properties.put("size", size(cell.count()));
        return new GeoJson.Feature(new GeoJson.Point(cell.lon(), cell.lat()), properties);
    }
}

package by.ocenka.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
    /** A single organisation's marker on the page, in pixels across (its circle and border). */
    public static final int POINT_SIZE = 20;
    /** The zoom level from which organisations are never merged (streets and houses). */
    public static final int STREET_ZOOM = 17;

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
        return place(cells.stream().map(cell -> new Item(cell, null)).toList(), zoom);
    }

    /**
     * Single organisations at the zoom: each stays a point unless its marker ({@value #POINT_SIZE} pixels) would
     * touch another's, and those that would are merged into clusters as above. From {@value #STREET_ZOOM} on nothing
     * is merged: the page spreads out organisations at one address itself.
     */
    public static List<GeoJson.Feature> layoutPoints(List<GeoJson.Feature> points, int zoom) {
        if (zoom >= STREET_ZOOM) {
            return points;
        }
        List<Item> items = new ArrayList<>();
        for (GeoJson.Feature point : points) {
            Object score = point.properties().get("score");
            double value = score instanceof Number n ? n.doubleValue() : 0;
            double[] at = point.geometry().coordinates();
            items.add(new Item(new Cell(1, score instanceof Number ? 1 : 0, value, at[0], at[1]), point));
        }
        return place(items, zoom);
    }

    /** A cell or a single organisation (then with its point feature) while the layout places it. */
    private record Item(Cell cell, GeoJson.Feature point) {
        int size() {
            return point != null ? POINT_SIZE : MapClusters.size(cell.count());
        }
    }

    /**
     * Greedy placement, largest first, until no two touch: an item that would touch one already placed is merged into
     * it. Placed items are kept in a grid of {@value #MAX_SIZE}+{@value #GAP}-pixel squares, so that each item is
     * compared with its neighbours only.
     */
    private static List<GeoJson.Feature> place(List<Item> start, int zoom) {
        List<Item> items = new ArrayList<>(start);
        boolean merged = true;
        while (merged) {
            merged = false;
            items.sort(Comparator.comparingLong((Item item) -> item.cell().count()).reversed());
            List<Item> placed = new ArrayList<>();
            Map<Long, List<Integer>> grid = new HashMap<>();
            for (Item item : items) {
                int into = touching(placed, grid, item, zoom);
                if (into < 0) {
                    placed.add(item);
                    grid.computeIfAbsent(square(item, zoom), k -> new ArrayList<>()).add(placed.size() - 1);
                } else {
                    Item before = placed.get(into);
                    grid.get(square(before, zoom)).remove(Integer.valueOf(into));
                    Item after = new Item(merge(before.cell(), item.cell()), null);
                    placed.set(into, after);
                    grid.computeIfAbsent(square(after, zoom), k -> new ArrayList<>()).add(into);
                    merged = true;
                }
            }
            items = placed;
        }
        return items.stream().map(item -> item.point() != null ? item.point() : feature(item.cell())).toList();
    }

    private static final double SQUARE = MAX_SIZE + GAP;

    private static long square(Item item, int zoom) {
        return key((long) Math.floor(x(item.cell().lon(), zoom) / SQUARE), (long) Math.floor(y(item.cell().lat(), zoom) / SQUARE));
    }

    private static long key(long column, long row) {
        return column * 4_194_304L + row;
    }

    private static int touching(List<Item> placed, Map<Long, List<Integer>> grid, Item item, int zoom) {
        double px = x(item.cell().lon(), zoom);
        double py = y(item.cell().lat(), zoom);
        long column = (long) Math.floor(px / SQUARE);
        long row = (long) Math.floor(py / SQUARE);
        for (long c = column - 1; c <= column + 1; c++) {
            for (long r = row - 1; r <= row + 1; r++) {
                for (int index : grid.getOrDefault(key(c, r), List.of())) {
                    Item other = placed.get(index);
                    double dx = x(other.cell().lon(), zoom) - px;
                    double dy = y(other.cell().lat(), zoom) - py;
                    double room = (other.size() + item.size()) / 2.0 + GAP;
                    if (dx * dx + dy * dy < room * room) {
                        return index;
                    }
                }
            }
        }
        return -1;
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

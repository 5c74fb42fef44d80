package by.ocenka.rating.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import by.ocenka.rating.RatingRecords.TrendPoint;
import by.ocenka.web.Formats;

/**
 * An organisation's monthly means as a small SVG chart, drawn on the server: no chart library on the page a citizen
 * opens from a QR code, and it shows without JavaScript. The y axis spans the 1–5 scale with a line and a label at
 * each score; the x axis names the first, middle and last month in the page's language.
 *
 * @param points the polyline's points in a {@value #WIDTH} × {@value #HEIGHT} box, or empty when fewer than two
 *               months have questionnaires
 * @param grid   the horizontal lines and their score labels
 * @param labels the month labels under the x axis
 */
record Sparkline(String points, List<TrendPoint> months, List<Tick> grid, List<Tick> labels) {

    static final int WIDTH = 320;
    static final int HEIGHT = 110;
    private static final int LEFT = 24;
    private static final int RIGHT = 8;
    private static final int TOP = 8;
    private static final int BOTTOM = 26;

    /** A label at a position of the box (and, for the grid, the line across it at that height). */
    record Tick(double x, double y, String text) {
        public String xText() {
            return String.format(Locale.ROOT, "%.1f", x);
        }

        public String yText() {
            return String.format(Locale.ROOT, "%.1f", y);
        }
    }

    static Sparkline of(List<TrendPoint> months, Locale locale) {
        if (months.size() < 2) {
            return new Sparkline("", months, List.of(), List.of());
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < months.size(); i++) {
            double score = months.get(i).score() == null ? 1 : months.get(i).score();
            points.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x(i, months.size()), y(score)));
        }
        List<Tick> grid = new ArrayList<>();
        for (int score = 1; score <= 5; score++) {
            grid.add(new Tick(LEFT, y(score), String.valueOf(score)));
        }
        List<Tick> labels = new ArrayList<>();
        int last = months.size() - 1;
        for (int i : new int[] {0, last / 2, last}) {
            if (labels.stream().noneMatch(t -> t.x() == x(i, months.size()))) {
                labels.add(new Tick(x(i, months.size()), HEIGHT - 6, new Formats(locale).month(months.get(i).month())));
            }
        }
        return new Sparkline(points.toString(), months, grid, labels);
    }

    /** "2026-08" as the page's language names it: "авг. 2026", "жн 2026", "Aug 2026". */
    private static double x(int i, int count) {
        return LEFT + 6 + (WIDTH - LEFT - RIGHT - 12) * i / (double) (count - 1);
    }

    private static double y(double score) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (5 - score) / 4;
    }

    public boolean drawable() {
        return !points.isEmpty();
    }

    /** The right end of the grid lines. */
    public int right() {
        return WIDTH - RIGHT;
    }
}

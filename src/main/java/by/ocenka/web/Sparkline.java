package by.ocenka.web;

import java.util.List;
import java.util.Locale;

import by.ocenka.rating.RatingRecords.TrendPoint;

/**
 * An organisation's monthly means as a small SVG line, drawn on the server: no chart library on the page a citizen
 * opens from a QR code, and it shows without JavaScript. The y axis spans the 1–5 scale.
 *
 * @param points the polyline's points in a 300 × 80 box, or empty when fewer than two months have questionnaires
 */
record Sparkline(String points, List<TrendPoint> months) {

    static final int WIDTH = 300;
    static final int HEIGHT = 80;

    static Sparkline of(List<TrendPoint> months) {
        if (months.size() < 2) {
            return new Sparkline("", months);
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < months.size(); i++) {
            double x = 4 + (WIDTH - 8) * i / (double) (months.size() - 1);
            double score = months.get(i).score() == null ? 1 : months.get(i).score();
            double y = 4 + (HEIGHT - 8) * (5 - score) / 4;
            points.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        return new Sparkline(points.toString(), months);
    }

    public boolean drawable() {
        return !points.isEmpty();
    }
}

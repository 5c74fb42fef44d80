package by.ocenka.rating;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the comments' themes answer. */
public final class ThemeRecords {

    private ThemeRecords() {
    }

    /**
     * A theme over a period's shown comments.
     *
     * @param count comments that speak of it
     * @param share of the period's tagged comments, 0–1
     * @param mean  the mean score of the questionnaires whose comments speak of it (null: none)
     */
    public record ThemeFigures(Theme theme, long count, double share, Double mean, List<ThemeMonth> byMonth) {
    }

    /** A theme as the API answers it: its code, its name in the request's language, and its figures. */
    public record ThemeCount(String theme, String name, long count, double share, @Schema(nullable = true) Double mean) {
    }

    /** A theme over a subtree, with its months (the cabinet's). */
    public record SubtreeTheme(String theme, String name, long count, double share, @Schema(nullable = true) Double mean,
                               List<ThemeMonth> byMonth) {
    }

    /** A theme's comments in a month ({@code yyyy-MM}). */
    public record ThemeMonth(String month, long count, @Schema(nullable = true) Double mean) {
    }

    /** The comments of a window that speak of a theme: their number and mean score (null: none). */
    public record Window(@Schema(nullable = true) Double mean, long count) {
    }

    /**
     * An improvement an organisation published («Вы сказали — мы сделали»), with the comments on its theme in the 90
     * days before the day it took effect and in the 90 days from it (so far, while they run).
     */
    public record Improvement(long id, long organizationId, String title, String text, Theme theme, LocalDate effectiveOn,
                              OffsetDateTime publishedAt, Window before, Window after) {
    }

    /** A moderator's line added to a theme's vocabulary. */
    public record ThemeTerm(long id, String theme, String term, OffsetDateTime addedAt) {
    }
}

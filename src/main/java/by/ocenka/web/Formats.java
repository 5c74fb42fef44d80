package by.ocenka.web;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import by.ocenka.platform.Minsk;

/**
 * The formats of one page's language ({@code #formats} in templates, {@link FormatsDialect}; and for pages written in
 * code).
 */
public record Formats(Locale locale) {

    /** A whole number with the language's grouping ("15 006", "15,006"). */
    public String integer(Number value) {
        return value == null ? "—" : NumberFormat.getIntegerInstance(locale).format(value);
    }

    /** A number with this many decimals and the language's separator ("4,50", "4.50"); a dash for none. */
    public String decimal(Number value, int digits) {
        if (value == null) {
            return "—";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(value);
    }

    /** Opening hours with their common words in the language (the registry writes them in Russian). */
    public String hours(String hours) {
        return OpeningHours.in(hours, locale);
    }

    /** A moment as a Minsk date and time ("29.11.2026 03:00"). */
    public String moment(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", locale).format(instant.atZone(Minsk.ZONE));
    }

    /** The same for a time as the database answers it (in UTC): shown in Minsk time, as every time on the pages. */
    public String moment(OffsetDateTime time) {
        return time == null ? "" : moment(time.toInstant());
    }

    /** A moment's Minsk day and time without the year ("29.11 03:00"). */
    public String dayTime(OffsetDateTime time) {
        return time == null ? "" : DateTimeFormatter.ofPattern("dd.MM HH:mm", locale).format(time.atZoneSameInstant(Minsk.ZONE));
    }

    /** A moment's Minsk date ("29.11.2026"). */
    public String date(OffsetDateTime time) {
        return time == null ? "" : date(time.toInstant());
    }

    public String date(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("dd.MM.yyyy", locale).format(instant.atZone(Minsk.ZONE));
    }

    public String date(LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ofPattern("dd.MM.yyyy", locale).format(day);
    }

    /** "2026-08" as a month and year in the language. */
    public String month(String yearMonth) {
        if (yearMonth == null) {
            return "";
        }
        try {
            return YearMonth.parse(yearMonth).format(DateTimeFormatter.ofPattern("LLL yyyy", locale));
        } catch (DateTimeParseException e) {
            return yearMonth;
        }
    }
}

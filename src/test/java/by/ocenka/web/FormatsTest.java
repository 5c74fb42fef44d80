package by.ocenka.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Numbers, months and opening hours as each page language writes them (issue 15, item 9). */
class FormatsTest {

    @Test
    void numbersAndMonthsInThePagesLanguage() {
        Formats russian = new Formats(Locale.forLanguageTag("ru"));
        Formats english = new Formats(Locale.ENGLISH);
        Formats belarusian = new Formats(Locale.forLanguageTag("be"));
        assertThat(russian.integer(7000)).isEqualTo("7\u00a0000");
        assertThat(english.integer(520005)).isEqualTo("520,005");
        assertThat(russian.decimal(4.5, 2)).isEqualTo("4,50");
        assertThat(english.decimal(4.5, 2)).isEqualTo("4.50");
        assertThat(russian.month("2026-08")).isEqualTo("авг. 2026");
        assertThat(english.month("2026-08")).isEqualTo("Aug 2026");
        assertThat(belarusian.month("2026-08")).doesNotContain("2026-08").endsWith("2026");
    }

    @Test
    void openingHoursInThePagesLanguage() {
        String hours = "пн–пт 8:00–17:00, обед 13:00–14:00, сб выходной";
        assertThat(OpeningHours.in(hours, Locale.ENGLISH)).isEqualTo("Mon–Fri 8:00–17:00, lunch 13:00–14:00, Sat closed");
        assertThat(OpeningHours.in(hours, Locale.forLanguageTag("be"))).isEqualTo("пн–пт 8:00–17:00, абед 13:00–14:00, сб выхадны");
        assertThat(OpeningHours.in(hours, Locale.forLanguageTag("ru"))).isEqualTo(hours);
        assertThat(OpeningHours.in("Круглосуточно", Locale.ENGLISH)).isEqualTo("24 hours");
    }

    @Test
    void timesFromTheDatabaseAreShownInMinskTime() {
        Formats russian = new Formats(Locale.forLanguageTag("ru"));
        // PostgreSQL answers in UTC: 21:30 on 6 December is already 7 December in Minsk (UTC+3).
        OffsetDateTime late = OffsetDateTime.of(2026, 12, 6, 21, 30, 0, 0, ZoneOffset.UTC);
        assertThat(russian.moment(late)).isEqualTo("07.12.2026 00:30");
        assertThat(russian.date(late)).isEqualTo("07.12.2026");
        assertThat(russian.dayTime(late)).isEqualTo("07.12 00:30");
        assertThat(russian.date(LocalDate.of(2026, 12, 6))).isEqualTo("06.12.2026");
        assertThat(russian.moment((OffsetDateTime) null)).isEmpty();
    }
}

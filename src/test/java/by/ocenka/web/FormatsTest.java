package by.ocenka.web;

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
}

package by.ocenka.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import by.ocenka.rating.RatingRecords.TrendPoint;
import org.junit.jupiter.api.Test;

/** Numbers and months as each page language writes them, and the trend's axes (issue 15, item 9). */
class FormatsTest {

    @Test
    void numbersAndMonthsInThePagesLanguage() {
        FormatsDialect.Formats russian = new FormatsDialect.Formats(Locale.forLanguageTag("ru"));
        FormatsDialect.Formats english = new FormatsDialect.Formats(Locale.ENGLISH);
        FormatsDialect.Formats belarusian = new FormatsDialect.Formats(Locale.forLanguageTag("be"));
        assertThat(russian.integer(7000)).isEqualTo("7\u00a0000");
        assertThat(english.integer(520005)).isEqualTo("520,005");
        assertThat(russian.decimal(4.5, 2)).isEqualTo("4,50");
        assertThat(english.decimal(4.5, 2)).isEqualTo("4.50");
        assertThat(russian.month("2026-08")).isEqualTo("авг. 2026");
        assertThat(english.month("2026-08")).isEqualTo("Aug 2026");
        assertThat(belarusian.month("2026-08")).doesNotContain("2026-08").endsWith("2026");
    }

    @Test
    void theTrendHasAScaleAndNamedMonths() {
        Sparkline trend = Sparkline.of(List.of(new TrendPoint("2026-01", 10, 4.0), new TrendPoint("2026-02", 5, 3.5),
                new TrendPoint("2026-03", 8, 4.8)), Locale.forLanguageTag("ru"));
        assertThat(trend.grid()).extracting(Sparkline.Tick::text).containsExactly("1", "2", "3", "4", "5");
        assertThat(trend.labels()).extracting(Sparkline.Tick::text).containsExactly("янв. 2026", "февр. 2026", "март 2026");
        assertThat(trend.points().split(" ")).hasSize(3);
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

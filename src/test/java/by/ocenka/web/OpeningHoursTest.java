package by.ocenka.web;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's Russian opening hours, in the page's language. */
class OpeningHoursTest {

    private static final Locale BE = Locale.forLanguageTag("be");

    @Test
    void commonWordsAreGivenInThePagesLanguage() {
        String hours = "пн–пт 8:00–17:00, обед 13:00–14:00, сб, вс выходной";
        assertThat(OpeningHours.in(hours, Locale.ENGLISH)).isEqualTo("Mon–Fri 8:00–17:00, lunch 13:00–14:00, Sat, Sun closed");
        assertThat(OpeningHours.in(hours, BE)).isEqualTo("пн–пт 8:00–17:00, абед 13:00–14:00, сб, нд выхадны");
        assertThat(OpeningHours.in(hours, Locale.forLanguageTag("ru"))).as("Russian as written").isEqualTo(hours);
    }

    @Test
    void phrasesBeforeTheirWordsWholeWordsOnlyAndAnyCase() {
        assertThat(OpeningHours.in("Без выходных, КРУГЛОСУТОЧНО", Locale.ENGLISH)).isEqualTo("every day, 24 hours");
        // "вторник" holds "вт" but is not the abbreviation; unknown words stay.
        assertThat(OpeningHours.in("вторник: приём по записи", Locale.ENGLISH)).isEqualTo("вторник: приём по записи");
        assertThat(OpeningHours.in(null, Locale.ENGLISH)).isNull();
    }
}

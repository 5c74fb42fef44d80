package by.ocenka.rating.pages;

import java.util.List;
import java.util.Locale;

import by.ocenka.rating.RatingRecords.TrendPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The organisation page's trend: a scale of 1 to 5 and the months named in the page's language. */
class SparklineTest {

    @Test
    void theTrendHasAScaleAndNamedMonths() {
        Sparkline trend = Sparkline.of(List.of(new TrendPoint("2026-01", 10, 4.0), new TrendPoint("2026-02", 5, 3.5),
                new TrendPoint("2026-03", 8, 4.8)), Locale.forLanguageTag("ru"));
        assertThat(trend.grid()).extracting(Sparkline.Tick::text).containsExactly("1", "2", "3", "4", "5");
        assertThat(trend.labels()).extracting(Sparkline.Tick::text).containsExactly("янв. 2026", "февр. 2026", "март 2026");
        assertThat(trend.points().split(" ")).hasSize(3);
    }
}

package by.ocenka.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search that finds what people type (issue 29, items 11–12), on Minsk, the Minsk region and the Brest region: postal
 * codes, Belarusian and Latin place names, a synonym's words kept from place names, a town above a district of the
 * same name, and nearest first on the search page.
 */
class SearchPlacesTest extends IntegrationTest {

    private static final int MINSK = 7;
    private static final int BORISOV_DISTRICT = 77;
    private static final Pattern NEAR_CHOSEN = Pattern.compile("<option value=\"near\"\\s+selected=\"selected\"");

    /** A query and what its first result must be. */
    private record Expected(String query, String description, Predicate<Map<?, ?>> first) {
    }

    @Autowired
    CatalogDemoData demo;

    @BeforeEach
    void catalogue() {
        demo.load(Set.of("MINSK", "MINSK_REGION", "BREST")::contains).block(Duration.ofSeconds(90));
    }

    @Test
    void eachQueryFindsWhatACitizenMeantFirst() {
        List<Expected> expected = List.of(
                // Post offices carry their postal code (Минск-5 is 220005).
                new Expected("почта 220", "a Minsk post office", o -> name(o).contains("почт") && address(o).startsWith("220")),
                new Expected("почта 220005", "Минск-5", o -> name(o).contains("почт") && address(o).startsWith("220005")),
                // Belarusian common and place names, Latin spellings of the Russian and the Belarusian name.
                new Expected("паліклініка барысаў", "a polyclinic of the Borisov district",
                        o -> name(o).contains("поликлиник") && district(o) == BORISOV_DISTRICT),
                new Expected("Барысаў", "the Borisov district", o -> district(o) == BORISOV_DISTRICT),
                new Expected("borisov", "the Borisov district", o -> district(o) == BORISOV_DISTRICT),
                new Expected("barysau", "the Borisov district", o -> district(o) == BORISOV_DISTRICT),
                new Expected("поликлиника borisov", "a polyclinic of the Borisov district",
                        o -> name(o).contains("поликлиник") && district(o) == BORISOV_DISTRICT),
                new Expected("барысау", "the Borisov district (a typo: у for ў)", o -> district(o) == BORISOV_DISTRICT),
                // A word the synonym used up matches no place: "стол" is not Столин.
                new Expected("паспортный стол", "a citizenship and migration office, not Stolin's",
                        o -> name(o).contains("гражданству и миграции") && !name(o).contains("столин")),
                new Expected("пашпартны стол", "a citizenship and migration office, not Stolin's",
                        o -> name(o).contains("гражданству и миграции") && !name(o).contains("столин")),
                // The city before the district of the same name.
                new Expected("налоговая минск", "a Minsk city tax inspection, not the Minsk district's",
                        o -> name(o).contains("инспекция") && region(o) == MINSK && !name(o).contains("минскому району")));
        List<String> missed = new ArrayList<>();
        for (Expected e : expected) {
            List<?> items = items(e.query());
            Map<?, ?> first = items.isEmpty() ? null : (Map<?, ?>) items.get(0);
            if (first == null || !e.first().test(first)) {
                missed.add("«" + e.query() + "» should give " + e.description() + " → "
                        + (first == null ? "(nothing)" : first.get("name") + ", " + first.get("address")));
            }
        }
        assertThat(missed).as("queries whose first result is not what the citizen meant").isEmpty();
        // The Minsk district's tax inspection is found too, only after the city's.
        assertThat(items("налоговая минск")).extracting(o -> (String) ((Map<?, ?>) o).get("name"))
                .contains("Инспекция МНС по Минскому району");
    }

    @Test
    void nearestFirstIsOfferedOnTheSearchPageAndWorksWithoutAPositionFromTheBrowser() {
        // The order is on the page before any position is known, with the button that asks the browser for one.
        String page = html("/search?q=почта");
        assertThat(page).contains("<option value=\"near\"").contains("id=\"nearest\"");

        // With the browser's position: the nearest post office first, and the order stays chosen.
        double lat = 53.905;
        double lon = 27.562;
        String nearest = db.sql("""
                        SELECT o.name FROM organization o JOIN category c ON c.id = o.category_id
                        WHERE o.status = 'ACTIVE' AND c.code = 'POST_OFFICE'
                        ORDER BY (o.latitude - :lat) ^ 2 + ((o.longitude - :lon) * cos(radians(:lat))) ^ 2, o.name, o.id LIMIT 1""")
                .bind("lat", lat).bind("lon", lon).map(row -> row.get("name", String.class)).one().block();
        String byDistance = html("/search?q=отделение+почтовой+связи&sort=near&near=" + lat + "," + lon);
        assertThat(byDistance).containsPattern(NEAR_CHOSEN);
        assertThat(firstResult(byDistance)).isEqualTo(nearest);

        // Without JavaScript there is no position: a chosen district's centre stands in for it.
        String inBorisov = db.sql("""
                        SELECT o.name FROM organization o JOIN district d ON d.id = o.district_id
                        JOIN category c ON c.id = o.category_id
                        WHERE o.status = 'ACTIVE' AND c.code = 'POST_OFFICE' AND o.district_id = :district
                        ORDER BY (o.latitude - d.latitude) ^ 2 + ((o.longitude - d.longitude) * cos(radians(d.latitude))) ^ 2,
                                 o.name, o.id LIMIT 1""")
                .bind("district", BORISOV_DISTRICT).map(row -> row.get("name", String.class)).one().block();
        String byCentre = html("/search?q=отделение+почтовой+связи&region=5&district=" + BORISOV_DISTRICT + "&sort=near");
        assertThat(firstResult(byCentre)).isEqualTo(inBorisov);
        assertThat(byCentre).containsPattern(NEAR_CHOSEN);
        // The API measures from the district's centre the same way.
        web.get().uri(b -> b.path("/api/v1/organizations").queryParam("q", "отделение почтовой связи")
                        .queryParam("district", BORISOV_DISTRICT).queryParam("sort", "near").build())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.items[0].name").isEqualTo(inBorisov);
        // Nor a district: the page says how to get the order instead of failing, and lists by relevance.
        String unplaced = html("/search?q=почта&sort=near");
        assertThat(unplaced).contains("Чтобы показать ближайшие").doesNotContainPattern(NEAR_CHOSEN);

        // An empty search offers to report the organisation the catalogue lacks.
        assertThat(html("/search?q=Несуществующее+ведомство+xyz")).contains("href=\"/organizations/new?name=");
    }

    private List<?> items(String query) {
        Map<?, ?> page = web.get().uri(b -> b.path("/api/v1/organizations").queryParam("q", query).build())
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<?>) page.get("items");
    }

    private String html(String uri) {
        return web.get().uri(uri).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static String firstResult(String page) {
        int at = page.indexOf("class=\"result-name\"");
        assertThat(at).as("a result").isPositive();
        int start = page.indexOf('>', at) + 1;
        return page.substring(start, page.indexOf('<', start)).replace("&quot;", "\"").replace("&#39;", "'");
    }

    private static String name(Map<?, ?> o) {
        return ((String) o.get("name")).toLowerCase();
    }

    private static String address(Map<?, ?> o) {
        return (String) o.get("address");
    }

    private static int region(Map<?, ?> o) {
        return ((Number) ((Map<?, ?>) o.get("region")).get("id")).intValue();
    }

    /** The summary names no district: the catalogue does. */
    private int district(Map<?, ?> o) {
        return db.sql("SELECT coalesce(district_id, -1) AS district FROM organization WHERE id = :id")
                .bind("id", ((Number) o.get("id")).longValue()).map(row -> row.get("district", Integer.class)).one().block();
    }
}

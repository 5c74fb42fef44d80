package by.ocenka.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What citizens really type, and the organisation they expect first (issue 15): the services' common names and
 * abbreviations (kept in {@code catalog/search-synonyms.txt}) and whole-word matches ranked above word beginnings.
 */
class SearchQueriesTest extends IntegrationTest {

    /** A query and a text the first result's name must contain. */
    private static final List<Map.Entry<String, String>> QUERIES = List.of(
            Map.entry("исполком", "исполнительный комитет"),
            Map.entry("горисполком", "городской исполнительный комитет"),
            Map.entry("налоговая", "Инспекция МНС"),
            Map.entry("налоговая фрунзенский", "Инспекция МНС по Фрунзенскому району"),
            Map.entry("паспорт", "гражданству и миграции"),
            Map.entry("паспортный стол", "гражданству и миграции"),
            Map.entry("паспорт московский", "гражданству и миграции Московского"),
            Map.entry("ГАИ", "ГАИ"),
            Map.entry("МРЭО", "ГАИ"),
            Map.entry("ЖЭС", "ЖЭС"),
            Map.entry("РУВД", "внутренних дел"),
            Map.entry("милиция", "внутренних дел"),
            Map.entry("ЗАГС", "ЗАГС"),
            Map.entry("ФСЗН", "социальной защиты"),
            Map.entry("пенсия", "социальной защиты"),
            Map.entry("поликлиника", "поликлиник"),
            Map.entry("поликлиника 5", "5-я"),
            // Belarusian and English pages' visitors type in their language.
            Map.entry("паліклініка", "поликлиник"),
            Map.entry("выканкам", "исполнительный комитет"),
            Map.entry("пашпарт", "гражданству и миграции"),
            Map.entry("аптэка", "Аптека"),
            Map.entry("мінск паліклініка", "поликлиник"),
            Map.entry("clinic", "поликлиник"),
            Map.entry("tax office", "Инспекция МНС"));

    @Autowired
    CatalogDemoData demo;

    @BeforeEach
    void catalogue() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
    }

    @Test
    void eachQueryFindsWhatACitizenMeantFirst() {
        List<String> missed = new ArrayList<>();
        for (Map.Entry<String, String> query : QUERIES) {
            Map<?, ?> page = web.get().uri(b -> b.path("/api/v1/organizations").queryParam("q", query.getKey()).build())
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            List<?> items = (List<?>) page.get("items");
            String first = items.isEmpty() ? "(nothing)" : (String) ((Map<?, ?>) items.get(0)).get("name");
            if (!first.toLowerCase().contains(query.getValue().toLowerCase())) {
                missed.add("«" + query.getKey() + "» → " + first);
            }
        }
        assertThat(missed).as("queries whose first result is not what the citizen meant").isEmpty();
    }

    @Test
    void aTypoGetsADidYouMeanAndAPositionGetsTheNearestFirst() {
        // One letter wrong: the results of the word meant, and the page says which word that was.
        String page = web.get().uri(b -> b.path("/search").queryParam("q", "паликлиника").build())
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("Показаны результаты для").contains(">поликлиника</a>");

        // Nearest first to a point in Minsk: the organisation the database finds nearest comes first.
        double lat = 53.9045;
        double lon = 27.5615;
        String nearest = db.sql("""
                        SELECT name FROM organization WHERE status = 'ACTIVE' AND latitude IS NOT NULL
                        ORDER BY (latitude - :lat) ^ 2 + ((longitude - :lon) * cos(radians(:lat))) ^ 2, name, id LIMIT 1""")
                .bind("lat", lat).bind("lon", lon).map(row -> row.get("name", String.class)).one().block();
        Map<?, ?> byDistance = web.get().uri("/api/v1/organizations?sort=near&near=" + lat + "," + lon)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) ((List<?>) byDistance.get("items")).get(0)).get("name")).isEqualTo(nearest);
        // Without a position, or with a position that is not one: 400 naming "near".
        web.get().uri("/api/v1/organizations?sort=near").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("near");
        web.get().uri("/api/v1/organizations?sort=near&near=north").exchange().expectStatus().isBadRequest();
    }
}

package by.ocenka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

/** The public catalogue over HTTP, on the Minsk slice of the demo data set. */
class CatalogApiTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    long loaded;

    @BeforeEach
    void loadMinsk() {
        loaded = demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
    }

    @Test
    void spheresListAll32WithCategoriesAndCounts() {
        List<Map<String, Object>> spheres = web.get().uri("/api/v1/spheres").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
        assertThat(spheres).hasSize(32);
        assertThat(spheres.get(0)).containsEntry("name", "Здравоохранение");
        assertThat(((Number) spheres.get(0).get("organizationsCount")).longValue()).isPositive();
        assertThat(spheres.stream().mapToLong(s -> ((Number) s.get("organizationsCount")).longValue()).sum())
                .isEqualTo(loaded);
        web.get().uri("/api/v1/spheres").header("Accept-Language", "en").exchange()
                .expectBody().jsonPath("$[0].name").isEqualTo("Health care")
                .jsonPath("$[0].categories[0].name").isEqualTo("Polyclinics");
    }

    @Test
    void regionsListTheOblastsAndMinskWithEveryDistrict() {
        web.get().uri("/api/v1/regions").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(7)
                .jsonPath("$[?(@.name == 'г. Минск')].districts.length()").isEqualTo(9)
                .jsonPath("$[*].districts[*]").value(all -> assertThat((List<?>) all).hasSize(127));
    }

    @Test
    void searchFindsWordFormsPrefixesAndTypos() {
        for (String q : List.of("поликлиники", "полик", "паликлиника", "Поликлиника")) {
            web.get().uri(b -> b.path("/api/v1/organizations").queryParam("q", q).build()).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.total").value(total -> assertThat(((Number) total).longValue()).as(q).isPositive())
                    .jsonPath("$.items[0].name").value(name -> assertThat((String) name).as(q).containsIgnoringCase("поликлиник"));
        }
        web.get().uri(b -> b.path("/api/v1/organizations").queryParam("q", "школа").queryParam("size", 5).build())
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(5)
                .jsonPath("$.size").isEqualTo(5)
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.items[0].sphere.name").isEqualTo("Образование")
                .jsonPath("$.items[0].score").doesNotExist();
    }

    @Test
    void filtersNarrowAndPagesAddUp() {
        long all = total("/api/v1/organizations");
        assertThat(all).isEqualTo(loaded);
        long health = total("/api/v1/organizations?sphere=1");
        assertThat(health).isPositive().isLessThan(all);
        long lastPage = (health - 1) / 20;
        web.get().uri("/api/v1/organizations?sphere=1&page=" + lastPage).exchange()
                .expectBody().jsonPath("$.items.length()").isEqualTo((int) (health - lastPage * 20));
        web.get().uri("/api/v1/organizations?sphere=1&page=" + (lastPage + 5)).exchange()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0).jsonPath("$.total").isEqualTo((int) health);
    }

    @Test
    void badParametersAreProblemsAndChangeNothing() {
        expectFieldError("/api/v1/organizations?size=0", "size");
        expectFieldError("/api/v1/organizations?size=1000", "size");
        expectFieldError("/api/v1/organizations?page=-1", "page");
        expectFieldError("/api/v1/organizations?sphere=999", "sphere");
        expectFieldError("/api/v1/organizations?sphere=abc", "sphere");
        expectFieldError("/api/v1/organizations?parent=987654321", "parent");
        expectFieldError("/api/v1/organizations?sort=cheapest", "sort");
        expectFieldError("/api/v1/organizations?q=" + "а".repeat(201), "q");
        assertThat(total("/api/v1/organizations")).isEqualTo(loaded);
    }

    @Test
    void organizationDetailAndChildren() {
        Map<String, Object> committee = first("/api/v1/organizations?q=Мингорисполком");
        long id = ((Number) committee.get("id")).longValue();
        web.get().uri("/api/v1/organizations/" + id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("Минский городской исполнительный комитет")
                .jsonPath("$.unp").value(unp -> assertThat(Unp.isValid((String) unp)).isTrue())
                .jsonPath("$.parent").doesNotExist()
                .jsonPath("$.childrenCount").isEqualTo(9 + 4)
                .jsonPath("$.rateUrl").isEqualTo("http://localhost:8080/o/" + id + "/rate")
                .jsonPath("$.district.name").isEqualTo("Центральный район");
        web.get().uri("/api/v1/organizations/" + id + "/children?size=100").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total").isEqualTo(13)
                .jsonPath("$.items[?(@.name =~ /Администрация .*/)]").value(list -> assertThat((List<?>) list).hasSize(9));
        web.get().uri("/api/v1/organizations/987654321").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/organization-not-found");
        web.get().uri("/api/v1/organizations/987654321/children").exchange().expectStatus().isNotFound();
        expectFieldError("/api/v1/organizations/abc", "id");
    }

    private long total(String uri) {
        Map<String, Object> page = web.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return ((Number) page.get("total")).longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> first(String uri) {
        Map<String, Object> page = web.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).get(0);
    }

    private void expectFieldError(String uri, String field) {
        web.get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }
}

package by.ocenka.rating;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reviews are signed with the author's current name, which the rating feature keeps itself: a rename in the account
 * re-signs them, a deleted account leaves them anonymous (the account feature's events, heard by the rating feature).
 */
class AuthorNamesTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    @Test
    void aRenameResignsTheReviewsAndADeletionLeavesThemAnonymous() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        long organization = db.sql("SELECT id FROM organization ORDER BY id LIMIT 1").map(r -> r.get("id", Long.class)).one().block();
        accounts.register("yanka@example.by", "Kupalle-na-Svislachy", "Янка", Locale.ROOT).block();
        db.sql("UPDATE app_user SET email_confirmed_at = now() WHERE email = 'yanka@example.by'").then().block();
        WebTestClient yanka = loggedIn("yanka@example.by", "Kupalle-na-Svislachy");
        yanka.post().uri("/api/v1/organizations/{id}/ratings", organization).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", "Хорошо"))
                .exchange().expectStatus().isCreated();
        assertThat(authors(organization)).containsExactly("Янка");

        yanka.patch().uri("/api/v1/me").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("displayName", "Янка К."))
                .exchange().expectStatus().isOk();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(authors(organization)).containsExactly("Янка К."));

        yanka.delete().uri("/api/v1/me").exchange().expectStatus().isNoContent();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(authors(organization)).containsExactly((String) null));
    }

    @Test
    void reviewsShowAFirstNameAndInitialAndNoNameOnceTheCitizenChoosesSo() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        List<Long> organizations = db.sql("SELECT id FROM organization ORDER BY id LIMIT 2").map(r -> r.get("id", Long.class))
                .all().collectList().block();
        accounts.register("anna.k@example.by", "Kupalle-na-Svislachy", "Анна Ковалёва", Locale.ROOT).block();
        db.sql("UPDATE app_user SET email_confirmed_at = now() WHERE email = 'anna.k@example.by'").then().block();
        WebTestClient anna = loggedIn("anna.k@example.by", "Kupalle-na-Svislachy");
        anna.post().uri("/api/v1/organizations/{id}/ratings", organizations.get(0)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", "Хорошо")).exchange().expectStatus().isCreated();
        assertThat(authors(organizations.get(0))).containsExactly("Анна К.");
        clearCaches();
        assertThat(web.get().uri("/o/{id}", organizations.get(0)).exchange().expectBody(String.class).returnResult()
                .getResponseBody()).contains("Анна К.").doesNotContain("Ковалёва");

        anna.patch().uri("/api/v1/me").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "Анна Ковалёва", "anonymousReviews", true))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.anonymousReviews").isEqualTo(true);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(authors(organizations.get(0))).containsExactly((String) null));
        // What she sends from now on is unsigned too; her own list still has everything.
        anna.post().uri("/api/v1/organizations/{id}/ratings", organizations.get(1)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", "Тоже хорошо")).exchange().expectStatus().isCreated();
        assertThat(authors(organizations.get(1))).containsExactly((String) null);
        anna.get().uri("/api/v1/me/ratings").exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(2);
    }

    private List<String> authors(long organization) {
        Map<String, Object> page = web.get().uri("/api/v1/organizations/{id}/reviews", organization).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return items.stream().map(item -> (String) item.get("author")).toList();
    }
}

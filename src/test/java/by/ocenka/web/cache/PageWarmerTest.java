package by.ocenka.web.cache;

import java.time.Duration;

import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a start the busiest organisations' rating forms and pages are rendered ahead: the organisation rated most of
 * late has its form and page kept before any visitor asks, the others wait for their first reader.
 */
class PageWarmerTest extends IntegrationTest {

    @Autowired
    PageWarmer warmer;
    @Autowired
    PageStore store;

    @Test
    void theBusiestOrganisationsFormAndPageAreKeptBeforeAnyoneAsks() {
        long busy = minskOrganization();
        long quiet = db.sql("SELECT id FROM organization WHERE status = 'ACTIVE' AND id > :busy ORDER BY id LIMIT 1")
                .bind("busy", busy).map(row -> row.get("id", Long.class)).one().block();
        rate(citizen(), busy);
        rate(citizen(), busy);
        rate(citizen(), quiet);
        assertThat(store.get(PageWarmer.key("/o/" + busy + "/rate"))).isNull();

        assertThat(warmer.warm(1).block(Duration.ofSeconds(30))).as("pages rendered").isEqualTo(2);

        assertThat(store.get(PageWarmer.key("/o/" + busy + "/rate"))).isNotNull();
        assertThat(store.get(PageWarmer.key("/o/" + busy))).isNotNull();
        assertThat(store.get(PageWarmer.key("/o/" + quiet + "/rate"))).isNull();
        // What a visitor then gets is the kept form, with their own CSRF token in it.
        String form = web.get().uri("/o/" + busy + "/rate").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(form).contains("score.OVERALL").containsPattern("name=\"_csrf\" value=\"[^\"]+\"");
        // Kept already: warming again renders nothing; two organisations render the quiet one's too.
        assertThat(warmer.warm(1).block(Duration.ofSeconds(30))).isZero();
        assertThat(warmer.warm(2).block(Duration.ofSeconds(30))).isEqualTo(2);
    }

    private static void rate(WebTestClient citizen, long organization) {
        citizen.post().uri("/api/v1/organizations/" + organization + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(RatingTestSupport.body(RatingTestSupport.FIVES)).exchange().expectStatus().isCreated();
    }
}

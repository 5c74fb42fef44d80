package by.ocenka.cabinet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A body's own criteria: set by its admin only, required on its units' next ratings, past answers kept. */
class CabinetCriteriaTest extends CabinetTesting {

    @Test
    void anExtraCriterionOfABodyIsAskedOnItsUnitsNextRating() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        WebTestClient citizen = citizens(1).get(0);
        Staff admin = staff(Role.ORG_ADMIN, body);

        // An extra criterion of the body: required on the unit's next rating, shown on its form; past answers stay.
        Map<String, Object> queue = Map.of("code", "QUEUE", "name", Map.of("ru", "Время ожидания в очереди",
                "be", "Час чакання ў чарзе", "en", "Waiting time in the queue"));
        staff(Role.ORG_RESPONDER, body).client().put().uri("/api/v1/cabinet/organizations/" + body + "/criteria")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(List.of(queue)).exchange().expectStatus().isForbidden();
        admin.client().put().uri("/api/v1/cabinet/organizations/" + body + "/criteria")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(List.of(Map.of("code", "OVERALL", "name", Map.of("ru", "x"))))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("[0].code");
        admin.client().put().uri("/api/v1/cabinet/organizations/" + body + "/criteria")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(List.of(queue)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].code").isEqualTo("QUEUE").jsonPath("$[0].name.be").isEqualTo("Час чакання ў чарзе");
        citizen.post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isBadRequest();
        assertThat(web.get().uri("/o/" + unit + "/rate").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("Время ожидания в очереди");
        Map<String, Integer> withQueue = new HashMap<>(RatingTestSupport.FIVES);
        withQueue.put("QUEUE", 4);
        citizen.post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", withQueue)).exchange().expectStatus().isCreated();
        admin.client().put().uri("/api/v1/cabinet/organizations/" + body + "/criteria")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(List.of()).exchange().expectStatus().isOk();
        assertThat(feed(admin, body, "").items()).as("the answer given stays")
                .filteredOn(q -> q.scores().containsKey("QUEUE")).singleElement()
                .satisfies(q -> assertThat(q.scores()).containsEntry("QUEUE", 4));
    }
}

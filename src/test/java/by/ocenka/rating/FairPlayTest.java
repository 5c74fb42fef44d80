package by.ocenka.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fair play (docs/FAIRPLAY.md): a burst from one network, ratings by the organisation's own staff and a run of
 * all-fives from new accounts are committed but held out of the ranking until a moderator releases or rejects them;
 * the organisation page says how many are held and why, never whose. Over real HTTP, PostgreSQL and Redis; the test
 * servers trust 127.0.0.1 as a proxy, so X-Forwarded-For sets the client's address.
 */
class FairPlayTest extends IntegrationTest {

    /** Not all ones or all fives: only the network counts for these. */
    private static final Map<String, Integer> MIXED = Map.of("SIMPLICITY", 4, "INFORMATION", 5, "TIMELINESS", 4,
            "POLITENESS", 5, "OVERALL", 4);

    private long org;

    @BeforeEach
    void organization() {
        org = minskOrganization();
    }

    @Test
    void aBurstFromOneNetworkIsFlaggedAndHeldOutOfTheRankingWhileReviewed() {
        RatingTestSupport.citizens(db, 1, 14);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 14);
        // Thirteen citizens of one /24 within minutes: the first ten count, the next three wait for a moderator.
        List<Boolean> held = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            held.add(rate(citizens.get(i), "203.0.113." + (10 + i), MIXED));
        }
        assertThat(held.subList(0, 10)).containsOnly(false);
        assertThat(held.subList(10, 13)).containsOnly(true);
        eventually(() -> assertThat(ratingsCount()).isEqualTo(10));
        assertThat(heldRows("network")).isEqualTo(3);
        // Another network is not part of the burst.
        assertThat(rate(citizens.get(13), "198.51.100.7", MIXED)).isFalse();
        eventually(() -> assertThat(ratingsCount()).isEqualTo(11));

        // The held ones are not among the public reviews; their authors see them as awaiting a check.
        String reviews = web.get().uri("/api/v1/organizations/{id}/reviews?size=50", org).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(reviews).contains("\"total\":11").doesNotContain("Гражданин 11\"").doesNotContain("Гражданин 13\"");
        citizens.get(12).get().uri("/api/v1/me/ratings").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].status").isEqualTo("HELD");

        // The public page says how many and why, never whose.
        eventually(() -> assertThat(page()).contains("id=\"held-note\"").contains("На проверке у модераторов: 3")
                .contains("много оценок из одной сети за короткое время: 3")
                .doesNotContain("Гражданин 11<").doesNotContain("Гражданин 12<").doesNotContain("Гражданин 13<"));

        // Moderators see the burst; citizens may not.
        citizens.get(0).get().uri("/api/v1/moderation/held/groups").exchange().expectStatus().isForbidden();
        WebTestClient moderator = loggedInAs(Role.MODERATOR, null);
        moderator.get().uri("/api/v1/moderation/held/groups").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].organizationId").isEqualTo(org)
                .jsonPath("$[0].organizationName").isNotEmpty()
                .jsonPath("$[0].reason").isEqualTo("network")
                .jsonPath("$[0].count").isEqualTo(3);
        moderator.get().uri("/api/v1/moderation/held?organizationId={id}&reason=network", org).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(3)
                .jsonPath("$.items[0].reason").isEqualTo("network")
                .jsonPath("$.items[0].author").doesNotExist();
        List<Integer> ids = heldIds();
        assertThat(ids).hasSize(3);
        moderator.get().uri("/api/v1/moderation/held?reason=bogus").exchange().expectStatus().isBadRequest();

        // One rejected: it never counts, and a second decision is refused.
        moderator.post().uri("/api/v1/moderation/questionnaires/{id}/reject", ids.get(0)).exchange().expectStatus().isNoContent();
        moderator.post().uri("/api/v1/moderation/questionnaires/{id}/reject", ids.get(0)).exchange().expectStatus().isEqualTo(409);
        moderator.post().uri("/api/v1/moderation/questionnaires/{id}/release", ids.get(0)).exchange().expectStatus().isEqualTo(409);
        eventually(() -> assertThat(ratingsCount()).isEqualTo(11));
        // The rest released together: they join the ranking exactly.
        moderator.post().uri("/api/v1/moderation/held/release").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organizationId", org, "reason", "network")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.count").isEqualTo(2);
        eventually(() -> assertThat(ratingsCount()).isEqualTo(13));
        assertThat(heldRows("network")).isZero();
        eventually(() -> assertThat(score()).isEqualTo(publishedMean()));
        moderator.get().uri("/api/v1/moderation/held/groups").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(0);
        eventually(() -> assertThat(page()).doesNotContain("На проверке у модераторов").contains("Отклонено модераторами: 1"));
    }

    @Test
    void ratingsByTheOrganisationsOwnStaffAreHeld() {
        // An admin of the body above the organisation: its subtree holds the organisation.
        long[] child = db.sql("SELECT id, parent_id FROM organization WHERE status = 'ACTIVE' AND parent_id IS NOT NULL ORDER BY id LIMIT 1")
                .map(row -> new long[] {row.get("id", Long.class), row.get("parent_id", Long.class)}).one().block();
        org = child[0];
        WebTestClient staff = loggedInAs(Role.ORG_ADMIN, child[1]);
        assertThat(rate(staff, null, MIXED)).isTrue();
        assertThat(heldRows("staff")).isEqualTo(1);
        eventually(() -> assertThat(ratingsCount()).isZero());
        // A citizen is not staff.
        assertThat(rate(citizen(), null, MIXED)).isFalse();
        eventually(() -> assertThat(ratingsCount()).isEqualTo(1));
        eventually(() -> assertThat(page()).contains("от сотрудников самой организации: 1"));
    }

    @Test
    void aRunOfAllFivesFromNewAccountsIsHeldAndTheCitizenIsToldSo() {
        // Eight new accounts' all-fives stand (the pattern's limit); the ninth is held. From 127.0.0.1: no network.
        for (int i = 0; i < 8; i++) {
            assertThat(rate(citizen(), null, RatingTestSupport.FIVES)).isFalse();
        }
        WebTestClient ninth = citizen();
        Map<String, String> form = Map.of("score.SIMPLICITY", "5", "score.INFORMATION", "5", "score.TIMELINESS", "5",
                "score.POLITENESS", "5", "score.OVERALL", "5");
        var fields = new LinkedMultiValueMap<String, String>();
        form.forEach(fields::add);
        var sent = ninth.post().uri("/o/{id}/rate", org).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(fields))
                .exchange().expectStatus().isSeeOther().expectBody().returnResult();
        String thanks = ninth.get().uri(sent.getResponseHeaders().getLocation().toString()).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(thanks).contains("id=\"rated-held\"").contains("после проверки модератором");
        assertThat(heldRows("pattern")).isEqualTo(1);
        eventually(() -> assertThat(ratingsCount()).isEqualTo(8));
        // A mixed questionnaire from a new account is not a pattern.
        assertThat(rate(citizen(), null, MIXED)).isFalse();
    }

    /** Rates the organisation from this address (null: the test client's own); answers whether it was held. */
    private boolean rate(WebTestClient client, String address, Map<String, Integer> scores) {
        WebTestClient.RequestBodySpec post = client.post().uri("/api/v1/organizations/{id}/ratings", org);
        if (address != null) {
            post = post.header("X-Forwarded-For", address);
        }
        Boolean held = post.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("scores", scores)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("held") instanceof Boolean b ? b : null;
        assertThat(held).isNotNull();
        return held;
    }

    private long ratingsCount() {
        Number count = (Number) web.get().uri("/api/v1/organizations/{id}", org).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("ratingsCount");
        return count.longValue();
    }

    private BigDecimal score() {
        Number score = (Number) web.get().uri("/api/v1/organizations/{id}", org).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("score");
        return new BigDecimal(score.toString()).setScale(2, RoundingMode.HALF_UP);
    }

    private BigDecimal publishedMean() {
        return db.sql("SELECT round(avg(mean), 2) AS m FROM questionnaire WHERE organization_id = :o AND status = 'PUBLISHED'")
                .bind("o", org).map(row -> row.get("m", BigDecimal.class)).one().block(Duration.ofSeconds(10));
    }

    private long heldRows(String reason) {
        return db.sql("SELECT count(*) AS n FROM questionnaire WHERE organization_id = :o AND status = 'HELD' AND hold_reason = :r")
                .bind("o", org).bind("r", reason).map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
    }

    private List<Integer> heldIds() {
        return db.sql("SELECT id FROM questionnaire WHERE organization_id = :o AND status = 'HELD' ORDER BY id")
                .bind("o", org).map(row -> row.get("id", Long.class).intValue()).all().collectList().block(Duration.ofSeconds(10));
    }

    private String page() {
        return web.get().uri("/o/{id}", org).accept(MediaType.TEXT_HTML).header("Accept-Language", "ru").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }
}

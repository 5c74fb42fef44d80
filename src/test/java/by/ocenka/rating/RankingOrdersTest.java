package by.ocenka.rating;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import by.ocenka.rating.SubtreeRecords.Sums;
import by.ocenka.rating.internal.AggregateRebuilder;
import by.ocenka.rating.internal.RatingJobs;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two orders of a ranking on a case small enough to compute by hand (minimum for a position: 5, C = 10):
 * <pre>
 *   A: 5 questionnaires of 5  → score 5.00, ranked
 *   B: 6 questionnaires of 4  → score 4.00, ranked
 *   C: 1 questionnaire  of 5  → score 5.00, too few
 *   D: 5 questionnaires of 4  → score 4.00, ranked (below B: equal score, fewer questionnaires)
 * </pre>
 * Official: A 1, B 2, D 3, then C without a position. Fair, m = 74 / 17 = 4.3529: A (10m + 25) / 15 = 4.569,
 * C (10m + 5) / 11 = 4.412, D (10m + 20) / 15 = 4.235, B (10m + 24) / 16 = 4.221.
 */
class RankingOrdersTest extends IntegrationTest {

    static final Map<String, Integer> FOURS = Map.of("SIMPLICITY", 4, "INFORMATION", 4, "TIMELINESS", 4, "POLITENESS", 4,
            "OVERALL", 4);

    @Autowired
    AggregateRebuilder rebuilder;
    @Autowired
    RatingJobs jobs;

    @Test
    void officialOrderIsTheScoreWithTooFewListedAfterAndTheFairOrderAllowsForTheCount() {
        minskOrganization();
        List<Long> ids = db.sql("SELECT id FROM organization WHERE status = 'ACTIVE' ORDER BY id LIMIT 4")
                .map(row -> row.get("id", Long.class)).all().collectList().block();
        long a = ids.get(0);
        long b = ids.get(1);
        long c = ids.get(2);
        long d = ids.get(3);
        RatingTestSupport.citizens(db, 1, 6);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 6);
        for (int i = 0; i < 6; i++) {
            if (i < 5) {
                rate(citizens.get(i), a, RatingTestSupport.FIVES);
                rate(citizens.get(i), d, FOURS);
            }
            rate(citizens.get(i), b, FOURS);
        }
        rate(citizens.get(0), c, RatingTestSupport.FIVES);
        // The fair order scores against the country's mean as of the last re-rank (the reconciler's).
        rebuilder.rerank().block(Duration.ofSeconds(30));

        eventually(() -> web.get().uri("/api/v1/rankings?scope=country").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(4)
                .jsonPath("$.items[*].organization.id").isEqualTo(ids(a, b, d, c))
                .jsonPath("$.items[*].rank").isEqualTo(Arrays.asList(1, 2, 3, null))
                .jsonPath("$.items[*].ranked").isEqualTo(List.of(true, true, true, false))
                .jsonPath("$.items[3].score").isEqualTo(5.0)
                .jsonPath("$.items[3].ratingsCount").isEqualTo(1));
        eventually(() -> web.get().uri("/api/v1/rankings?scope=country&order=fair").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[*].organization.id").isEqualTo(ids(a, c, d, b))
                .jsonPath("$.items[*].rank").isEqualTo(List.of(1, 2, 3, 4))
                .jsonPath("$.items[*].ranked").isEqualTo(List.of(true, true, true, true)));
        web.get().uri("/api/v1/rankings?order=best").exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("order");

        // An organisation's own positions are the official ones: none while it has too few questionnaires.
        eventually(() -> web.get().uri("/api/v1/organizations/" + d).exchange().expectBody()
                .jsonPath("$.ranks.country").isEqualTo(3).jsonPath("$.rank").isEqualTo(3));
        eventually(() -> web.get().uri("/api/v1/organizations/" + c).exchange().expectBody()
                .jsonPath("$.ranks.country").doesNotExist().jsonPath("$.rank").isEmpty()
                .jsonPath("$.score").isEqualTo(5.0));
        PageSession browser = new PageSession(web);
        eventually(() -> assertThat(browser.get("/o/" + c).body())
                .contains("Мало оценок для места в рейтинге: место даётся с 5 анкет."));
        eventually(() -> assertThat(browser.get("/rating").body())
                .contains("Место даётся с 5 анкет").contains(">мало оценок<").contains("id=\"ranking-order\""));
        assertThat(browser.get("/rating?order=fair").body()).contains("В этом порядке учитывается и число анкет");

        // The day's snapshot keeps the official positions; the catalogue's sortable copy sorts the same way.
        jobs.snapshot().block(Duration.ofSeconds(30));
        assertThat(db.sql("SELECT organization_id, position FROM rank_snapshot WHERE scope = 'country' ORDER BY position")
                .map(row -> row.get("organization_id", Long.class) + ":" + row.get("position", Integer.class))
                .all().collectList().block()).containsExactly(a + ":1", b + ":2", d + ":3");
        jobs.reconcile().block(Duration.ofSeconds(30));
        clearCaches();
        web.get().uri("/api/v1/organizations?sort=rank&size=4").exchange().expectBody()
                .jsonPath("$.items[*].id").isEqualTo(ids(a, b, d, c));
    }

    /**
     * The rankings are written behind the ratings, once per organisation for the ratings of a few milliseconds: after
     * a burst of concurrent ratings (and no re-rank) they hold the last of them, not an earlier one.
     */
    @Test
    void aBurstOfConcurrentRatingsLeavesTheRankingsAtTheLastOfThem() {
        minskOrganization();
        List<Long> ids = db.sql("SELECT id FROM organization WHERE status = 'ACTIVE' ORDER BY id LIMIT 2")
                .map(row -> row.get("id", Long.class)).all().collectList().block();
        long first = ids.get(0);
        long second = ids.get(1);
        RatingTestSupport.citizens(db, 1, 12);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 12);
        for (int i = 0; i < 6; i++) {
            rate(citizens.get(i), second, FOURS);
        }
        // Six at once for the first: from the fifth it has a position, 5.00 above the second's 4.00.
        Flux.range(6, 6)
                .flatMap(i -> Mono.fromRunnable(() -> rate(citizens.get(i), first, RatingTestSupport.FIVES))
                        .subscribeOn(Schedulers.boundedElastic()), 6)
                .blockLast(Duration.ofSeconds(30));
        eventually(() -> web.get().uri("/api/v1/rankings?scope=country").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].organization.id").isEqualTo(ids(first, second))
                .jsonPath("$.items[*].rank").isEqualTo(List.of(1, 2))
                .jsonPath("$.items[0].ratingsCount").isEqualTo(6));
        eventually(() -> web.get().uri("/api/v1/rankings?scope=country&order=fair").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[*].organization.id").isEqualTo(ids(first, second)));
    }

    @Test
    void aSubtreesUnitsAreRankedTheSameWayForAPeriod() {
        // Units of a subtree over a period (the cabinet's table): the same rule on the period's sums.
        Map<Long, Sums> units = Map.of(
                1L, new Sums(5, 25_000_000, 5),
                2L, new Sums(6, 24_000_000, 6),
                3L, new Sums(1, 5_000_000, 1),
                4L, new Sums(5, 20_000_000, 5));
        assertThat(SubtreeFigures.ranks(units, 5)).isEqualTo(Map.of(1L, 1, 2L, 2, 4L, 3));
        assertThat(SubtreeFigures.ranks(units, 1)).isEqualTo(Map.of(1L, 1, 3L, 2, 2L, 3, 4L, 4));
    }

    /** Ids as JSON reads them back (small numbers are ints). */
    private static List<Integer> ids(long... ids) {
        return Arrays.stream(ids).mapToInt(Math::toIntExact).boxed().toList();
    }

    private void rate(WebTestClient client, long organization, Map<String, Integer> scores) {
        client.post().uri("/api/v1/organizations/" + organization + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(RatingTestSupport.body(scores)).exchange().expectStatus().isCreated();
    }
}

package by.ocenka.rating;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.rating.internal.AggregateRebuilder;
import by.ocenka.rating.internal.RatingJobs;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sphere's ranking within one region and a district's ranking (issue 29, item 13), on Minsk and the Minsk region:
 * <pre>
 *   P1 polyclinic, Borisov district   5 × 5  → 5.00
 *   P2 polyclinic, Slutsk district    5 × 4  → 4.00
 *   P3 polyclinic, Minsk (the city)   5 × 5  → 5.00   (another region)
 *   X  school, Borisov district       5 × 3  → 3.00
 *   P4 polyclinic, Borisov district   1 × 5  → too few
 *   50 other organisations of the Borisov district, one questionnaire each (too few)
 * </pre>
 * Polyclinics of the Minsk region: P1, P2, then P4 unranked. The Borisov district: P1, X, then the 51 unranked.
 */
class RegionalRankingsTest extends IntegrationTest {

    private static final int HEALTH = 1;
    private static final int MINSK_REGION = 5;
    private static final int BORISOV = 77;
    private static final Map<String, Integer> FOURS = RankingOrdersTest.FOURS;
    private static final Map<String, Integer> THREES = Map.of("SIMPLICITY", 3, "INFORMATION", 3, "TIMELINESS", 3,
            "POLITENESS", 3, "OVERALL", 3);

    @Autowired
    CatalogDemoData demo;
    @Autowired
    AggregateRebuilder rebuilder;
    @Autowired
    RatingJobs jobs;

    @Test
    void aSphereWithinARegionAndADistrictAreRankedViaTheApiAndThePage() {
        demo.load(Set.of("MINSK", "MINSK_REGION")::contains).block(Duration.ofSeconds(90));
        List<Long> borisovPolyclinics = ids("c.code = 'POLYCLINIC' AND o.district_id = 77", 2);
        long p1 = borisovPolyclinics.get(0);
        long p4 = borisovPolyclinics.get(1);
        long p2 = ids("c.code = 'POLYCLINIC' AND o.district_id = 91", 1).get(0);
        long p3 = ids("c.code = 'POLYCLINIC' AND o.region_id = 7", 1).get(0);
        long x = ids("c.code = 'SCHOOL' AND o.district_id = 77", 1).get(0);
        List<Long> others = ids("o.district_id = 77 AND o.sphere_id <> 1 AND o.id <> " + x, 50);

        RatingTestSupport.citizens(db, 1, 7);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 7);
        for (int i = 0; i < 5; i++) {
            rate(citizens.get(i), p1, RatingTestSupport.FIVES);
            rate(citizens.get(i), p2, FOURS);
            rate(citizens.get(i), p3, RatingTestSupport.FIVES);
            rate(citizens.get(i), x, THREES);
        }
        rate(citizens.get(0), p4, RatingTestSupport.FIVES);
        // Two citizens share the fifty, within the write limit of one user.
        for (int i = 0; i < others.size(); i++) {
            rate(citizens.get(5 + i % 2), others.get(i), FOURS);
        }

        // As the ratings wrote them, then as a rebuild from PostgreSQL writes them.
        rankingsAnswer(p1, p2, p4, x);
        rebuilder.rebuild().block(Duration.ofSeconds(60));
        clearCaches();
        rankingsAnswer(p1, p2, p4, x);

        // An organisation's own ranks include both; its page links to them.
        eventually(() -> web.get().uri("/api/v1/organizations/" + p1).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.ranks['sphere-region']").isEqualTo(1).jsonPath("$.ranks.district").isEqualTo(1));
        // A snapshot of some earlier day had P1 second in its district: its page and the district's ranking show the move.
        db.sql("INSERT INTO rank_snapshot (day, scope, scope_id, organization_id, position) VALUES ('2000-01-01', 'district', :d, :o, 2)")
                .bind("d", BORISOV).bind("o", p1).then().block(Duration.ofSeconds(10));
        clearCaches();
        PageSession browser = new PageSession(web);
        eventually(() -> assertThat(browser.get("/o/" + p1).body()).contains("▲ 1 (вверх)"));
        eventually(() -> assertThat(browser.get("/o/" + p1).body())
                .contains("в сфере в своей области").contains("в районе")
                .contains("href=\"/rating?scope=sphere&amp;id=1&amp;region=5\"")
                .contains("href=\"/rating?scope=region&amp;id=5&amp;district=77\""));

        // The page: the region filter beside a sphere, the district picker beside a region.
        String polyclinics = browser.get("/rating?scope=sphere&id=" + HEALTH + "&region=" + MINSK_REGION).body();
        assertThat(polyclinics).contains("id=\"ranking-within\"").contains("<option value=\"5\" selected=\"selected\"")
                .contains("Здравоохранение — Минская область")
                .contains("href=\"/o/" + p1 + "\"").contains("href=\"/o/" + p2 + "\"").doesNotContain("href=\"/o/" + p3 + "\"");
        String district = browser.get("/rating?scope=region&region=" + MINSK_REGION + "&district=" + BORISOV).body();
        assertThat(district).contains("id=\"ranking-district\"").contains("<option value=\"77\" selected=\"selected\"")
                .contains("Минская область — Борисовский район")
                .contains("href=\"/o/" + p1 + "\"").contains("href=\"/o/" + x + "\"").doesNotContain("href=\"/o/" + p2 + "\"")
                .contains(">мало оценок<").contains("▲ 1 (вверх)")
                // 53 organisations: the pager's link keeps the region, the district and the order.
                .contains("href=\"/rating?scope=region&amp;id=5&amp;district=77&amp;order=official&amp;page=1\"");
        String second = browser.get("/rating?scope=region&id=5&district=77&order=official&page=1").body();
        assertThat(second).contains("href=\"/rating?scope=region&amp;id=5&amp;district=77&amp;order=official&amp;page=0\"")
                .doesNotContain("href=\"/o/" + p1 + "\"");
        // The API's shape on the page too: a district's ranking, shown with its region picked.
        assertThat(browser.get("/rating?scope=district&id=" + BORISOV).body())
                .contains("<option value=\"77\" selected=\"selected\"").contains("href=\"/o/" + x + "\"");
        assertThat(browser.get("/rating?scope=sphere&id=1&region=5&order=fair").body())
                .contains("id=\"ranking-within\"").contains("href=\"/o/" + p4 + "\"");

        // Today's snapshot keeps both, under their own scope names (a sphere within a region: sphere × 1000 + region).
        jobs.snapshot().block(Duration.ofSeconds(30));
        assertThat(snapshot("sphere-region", HEALTH * 1000 + MINSK_REGION)).containsExactly(p1 + ":1", p2 + ":2");
        assertThat(snapshot("district", BORISOV)).containsExactly(p1 + ":1", x + ":2");
    }

    private void rankingsAnswer(long p1, long p2, long p4, long x) {
        eventually(() -> web.get().uri("/api/v1/rankings?scope=sphere&id=" + HEALTH + "&region=" + MINSK_REGION)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(3)
                .jsonPath("$.items[*].organization.id").isEqualTo(ids(p1, p2, p4))
                .jsonPath("$.items[*].rank").isEqualTo(Arrays.asList(1, 2, null))
                .jsonPath("$.items[*].ranked").isEqualTo(List.of(true, true, false)));
        eventually(() -> web.get().uri("/api/v1/rankings?scope=district&id=" + BORISOV + "&size=3")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(53)
                .jsonPath("$.items[0].organization.id").isEqualTo(ids(p1).get(0))
                .jsonPath("$.items[1].organization.id").isEqualTo(ids(x).get(0))
                .jsonPath("$.items[*].rank").isEqualTo(Arrays.asList(1, 2, null)));
        web.get().uri("/api/v1/rankings?scope=sphere&id=" + HEALTH + "&region=" + MINSK_REGION + "&order=fair")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(3).jsonPath("$.items[*].rank").isEqualTo(List.of(1, 2, 3));
        web.get().uri("/api/v1/rankings?scope=region&id=" + MINSK_REGION + "&region=" + MINSK_REGION)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("region");
    }

    private List<Long> ids(String condition, int count) {
        return db.sql("SELECT o.id FROM organization o JOIN category c ON c.id = o.category_id WHERE o.status = 'ACTIVE' AND "
                        + condition + " ORDER BY o.id LIMIT " + count)
                .map(row -> row.get("id", Long.class)).all().collectList().block();
    }

    private List<String> snapshot(String scope, long scopeId) {
        return db.sql("""
                        SELECT organization_id, position FROM rank_snapshot
                        WHERE scope = :scope AND scope_id = :id AND day = (SELECT max(day) FROM rank_snapshot) ORDER BY position""")
                .bind("scope", scope).bind("id", scopeId)
                .map(row -> row.get("organization_id", Long.class) + ":" + row.get("position", Integer.class))
                .all().collectList().block();
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

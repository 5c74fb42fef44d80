package by.ocenka.cabinet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.platform.Csv;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Staff requests that read a whole history or print hundreds of pages are bounded: an export covers at most 400 days,
 * each user runs at most two of them at a time (a third: 429), and every CSV cell a spreadsheet would run as a formula
 * is kept as text.
 */
class HeavyRequestsTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;
    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void exportsAreBoundedInPeriodAndInHowManyRunAtOnce() {
        Subtrees tree = Subtrees.load(demo, db);
        WebTestClient admin = loggedInAs(Role.ORG_ADMIN, tree.body());
        long adminId = db.sql("SELECT user_id FROM user_role WHERE role = 'ORG_ADMIN' AND organization_id = :o")
                .bind("o", tree.body()).map(r -> r.get(0, Long.class)).one().block();
        admin.get().uri("/api/v1/cabinet/organizations/{id}/export?from=2024-01-01&to=2025-12-31", tree.body()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("from");

        // Two running (as the counter every instance shares says): a third waits its turn.
        redis.opsForValue().set("heavy:user:" + adminId, "2").block(Duration.ofSeconds(5));
        admin.get().uri("/api/v1/cabinet/organizations/{id}/export", tree.body()).exchange()
                .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/too-many-heavy-requests");
        admin.get().uri("/api/v1/cabinet/organizations/{id}/posters", tree.body()).exchange().expectStatus().isEqualTo(429);
        assertThat(redis.opsForValue().get("heavy:user:" + adminId).block(Duration.ofSeconds(5))).isEqualTo("2");

        // One of them ends: the next runs, and gives its place back when its file is sent.
        redis.opsForValue().set("heavy:user:" + adminId, "1").block(Duration.ofSeconds(5));
        admin.get().uri("/api/v1/cabinet/organizations/{id}/export?format=xlsx", tree.body()).exchange().expectStatus().isOk()
                .expectBody(byte[].class).value(xlsx -> assertThat(xlsx).isNotEmpty());
        admin.get().uri("/api/v1/cabinet/organizations/{id}/posters", tree.unit()).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF);
        eventually(() -> assertThat(redis.opsForValue().get("heavy:user:" + adminId).block(Duration.ofSeconds(5))).isEqualTo("1"));

        // A request its caller may not make takes no place.
        for (int i = 0; i < 3; i++) {
            admin.get().uri("/api/v1/cabinet/organizations/{id}/posters", tree.outside()).exchange().expectStatus().isForbidden();
            admin.get().uri("/api/v1/cabinet/organizations/{id}/export", tree.outside()).exchange().expectStatus().isForbidden();
        }
        assertThat(redis.opsForValue().get("heavy:user:" + adminId).block(Duration.ofSeconds(5))).isEqualTo("1");
    }

    /** A leading =, +, -, @, TAB or CR in a cell is kept as text in every CSV: the export's, open data's, a poll's. */
    @Test
    void noCsvCellRunsAsAFormula() {
        for (String formula : List.of("=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1")) {
            assertThat(Csv.field(formula)).as(formula.replace("\t", "TAB").replace("\r", "CR")).matches("(?s)\"?'.*");
        }
        // A spreadsheet splitting on semicolons or TABs starts a cell after each: a formula there is kept as text too.
        assertThat(Csv.field("Хорошо;=HYPERLINK(\"http://x\")")).isEqualTo("\"Хорошо;'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.field("a\t@SUM(A1);;+1;b-c")).isEqualTo("a\t'@SUM(A1);;'+1;b-c");
        assertThat(Csv.field("x\n=HYPERLINK(1)")).isEqualTo("\"x\n'=HYPERLINK(1)\"");
        assertThat(Csv.field(-5)).isEqualTo("-5");
        assertThat(Csv.line(List.of("a,b", "say \"hi\"", 3))).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",3\r\n");

        Subtrees tree = Subtrees.load(demo, db);
        RatingTestSupport.citizens(db, 1, 1);
        RatingTestSupport.sessions(web, 1, 1).get(0).post().uri("/api/v1/organizations/{id}/ratings", tree.unit())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", "\t=HYPERLINK(\"http://x\")"))
                .exchange().expectStatus().isCreated();
        String export = new String(loggedInAs(Role.ORG_ADMIN, tree.body()).get()
                .uri("/api/v1/cabinet/organizations/{id}/export", tree.body()).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody(), StandardCharsets.UTF_8);
        // (the comment is stored trimmed: the formula stays, kept as text)
        assertThat(export).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain("\"=HYPERLINK");
    }
}

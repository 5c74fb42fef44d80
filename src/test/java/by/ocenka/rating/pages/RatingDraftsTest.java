package by.ocenka.rating.pages;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visitor's answers wait in the session while they log in, but nobody can fill Redis through that: only the form's
 * fields within their limits, for organisations that exist, the last three per session, and small bodies.
 */
class RatingDraftsTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    List<Long> organizations;

    @BeforeEach
    void catalogue() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        organizations = db.sql("SELECT id FROM organization WHERE status = 'ACTIVE' ORDER BY id LIMIT 5")
                .map(row -> row.get("id", Long.class)).all().collectList().block();
    }

    /** Bytes the session holds in Redis (the values of its hash). */
    private long sessionBytes(PageSession visitor) {
        String id = visitor.cookie("SESSION");
        if (id == null) {
            return 0;
        }
        return redis.getReactiveConnection().hashCommands()
                .hGetAll(ByteBuffer.wrap(("ocenka:session:json:sessions:" + id).getBytes(StandardCharsets.UTF_8)))
                .map(entry -> (long) entry.getKey().remaining() + entry.getValue().remaining())
                .reduce(0L, Long::sum).block(Duration.ofSeconds(10));
    }

    private static Map<String, String> answersWithJunk(int junkFields, int junkLength) {
        Map<String, String> form = new HashMap<>(Map.of("score.SIMPLICITY", "4", "score.INFORMATION", "5",
                "comment", "К".repeat(3000), "serviceName", "Паспорт"));
        for (int i = 0; i < junkFields; i++) {
            form.put("junk" + i, "x".repeat(junkLength));
        }
        form.put("score.BOGUS", "9".repeat(1000));
        return form;
    }

    @Test
    void onlyTheFormsFieldsWithinTheirLimitsForTheLastThreeOrganisations() {
        PageSession visitor = new PageSession(web);
        visitor.get("/o/" + organizations.get(0) + "/rate");
        for (long id : organizations) {
            PageSession.Page sent = visitor.post("/o/" + id + "/rate", answersWithJunk(40, 1000));
            assertThat(sent.status().value()).isEqualTo(303);
        }
        // Five organisations' answers with 40 KB of junk each: three drafts of known fields (comment cut to 2,000).
        assertThat(sessionBytes(visitor)).isLessThan(20_000);

        // The newest is restored after login; the oldest was let go.
        String email = "drafts" + System.nanoTime() + "@example.by";
        accounts.create(email, "Drafts-citizen-2026", "Черновик", true, Role.CITIZEN, null).block();
        visitor.post("/login", Map.of("email", email, "password", "Drafts-citizen-2026"));
        assertThat(visitor.get("/o/" + organizations.get(4) + "/rate").body()).contains("К".repeat(2000))
                .doesNotContain("К".repeat(2001)).doesNotContain("junk");
    }

    @Test
    void noDraftForAnOrganisationThatDoesNotExist() {
        PageSession visitor = new PageSession(web);
        visitor.get("/o/" + organizations.get(0) + "/rate");
        PageSession.Page sent = visitor.post("/o/987654321/rate", answersWithJunk(0, 0));
        assertThat(sent.status().value()).isEqualTo(404);
        assertThat(sessionBytes(visitor)).isLessThan(2_000);
    }

    @Test
    void aPageFormOver64KbIsRefusedUnread() {
        PageSession visitor = new PageSession(web);
        visitor.get("/o/" + organizations.get(0) + "/rate");
        PageSession.Page sent = visitor.post("/o/" + organizations.get(0) + "/rate", answersWithJunk(70, 1000));
        assertThat(sent.status().value()).isEqualTo(413);
        assertThat(sessionBytes(visitor)).isLessThan(2_000);
        // The API keeps its own, larger limit (its bodies are JSON or CSV, not forms).
        web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "x@example.by", "password", "y".repeat(100))).exchange()
                .expectStatus().isForbidden();
    }
}

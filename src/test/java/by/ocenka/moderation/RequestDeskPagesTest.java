package by.ocenka.moderation;

import java.time.Duration;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The moderators' queue of citizens' requests as a moderator works it without JavaScript: one request added to the
 * catalogue after the category and district are chosen (the form says what is missing first), one refused with a
 * reason; the citizen is mailed either way, and a request decided once cannot be decided again.
 */
class RequestDeskPagesTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    @Test
    void aModeratorAddsOneRequestAndRefusesAnotherAndTheCitizenHearsBoth() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        String citizenEmail = "reporter" + System.nanoTime() + "@example.by";
        accounts.create(citizenEmail, "reporter password 1", "Заявитель", true, Role.CITIZEN, null).block(Duration.ofSeconds(30));
        WebTestClient citizen = loggedIn(citizenEmail, "reporter password 1");
        int sphere = db.sql("SELECT sphere_id FROM category WHERE code = 'LIBRARY'").map(r -> r.get("sphere_id", Short.class).intValue()).one().block();
        int library = db.sql("SELECT id FROM category WHERE code = 'LIBRARY'").map(r -> r.get("id", Integer.class)).one().block();
        int district = db.sql("SELECT id FROM district ORDER BY id LIMIT 1").map(r -> r.get("id", Integer.class)).one().block();
        long added = request(citizen, "Сельская библиотека д. Малые Озёра", sphere);
        long refused = request(citizen, "Библиотека, которой нет", sphere);

        PageSession moderator = pageAs(Role.MODERATOR, null);
        assertThat(moderator.get("/moderation").body()).contains("href=\"/moderation/requests\"");
        PageSession.Page queue = moderator.get("/moderation/requests");
        assertThat(queue.body()).contains("Сельская библиотека д. Малые Озёра").contains("Библиотека, которой нет")
                .contains("action=\"/moderation/requests/" + added + "/approve\"");

        // Without a category and district the page says what is missing, and nothing is added.
        PageSession.Page missing = moderator.post("/moderation/requests/" + added + "/approve",
                Map.of("name", "Сельская библиотека д. Малые Озёра", "address", "д. Малые Озёра, 3", "categoryId", "",
                        "districtId", "", "unp", ""));
        assertThat(missing.status().value()).isEqualTo(400);
        assertThat(missing.body()).contains("Категория").contains("Район");
        assertThat(count("SELECT count(*) AS n FROM organization WHERE name = 'Сельская библиотека д. Малые Озёра'")).isZero();

        PageSession.Page approved = moderator.post("/moderation/requests/" + added + "/approve",
                Map.of("name", "Сельская библиотека д. Малые Озёра", "address", "д. Малые Озёра, 3",
                        "categoryId", String.valueOf(library), "districtId", String.valueOf(district), "unp", ""));
        assertThat(approved.status().value()).isEqualTo(303);
        assertThat(moderator.get(approved.location()).body()).contains("Организация добавлена в каталог");
        long organization = count("SELECT id AS n FROM organization WHERE name = 'Сельская библиотека д. Малые Озёра' AND status = 'ACTIVE'");
        assertThat(approved.location()).endsWith("organization=" + organization);
        assertThat(tokenFromMail(citizenEmail, "Её страница и форма оценки: ")).endsWith("/o/" + organization);

        // A refusal needs a reason; the citizen is mailed it and sees it on their page.
        assertThat(moderator.post("/moderation/requests/" + refused + "/reject", Map.of("reason", "")).status().value())
                .isEqualTo(400);
        PageSession.Page rejected = moderator.post("/moderation/requests/" + refused + "/reject",
                Map.of("reason", "Такой организации нет в реестре"));
        assertThat(rejected.status().value()).isEqualTo(303);
        assertThat(tokenFromMail(citizenEmail, "Причина: ")).isEqualTo("Такой");
        citizen.get().uri("/api/v1/me/organization-requests").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[?(@.id == " + refused + ")].reason").isEqualTo("Такой организации нет в реестре");

        // Decided once: a second decision is refused, and the queue is empty.
        assertThat(moderator.post("/moderation/requests/" + refused + "/reject", Map.of("reason", "ещё раз")).location())
                .isEqualTo("/moderation/requests?done=already");
        assertThat(moderator.get("/moderation/requests").body()).contains("Заявок, ждущих решения, нет.");
    }

    @Test
    void onlyModeratorsSeeTheQueue() {
        assertThat(new PageSession(web).get("/moderation/requests").location()).isEqualTo("/login?next=/moderation/requests");
        PageSession citizen = pageAs(Role.CITIZEN, null);
        assertThat(citizen.get("/moderation/requests").status().value()).isEqualTo(403);
        assertThat(citizen.post("/moderation/requests/1/reject", Map.of("reason", "нет")).status().value()).isEqualTo(403);
    }

    private long request(WebTestClient citizen, String name, int sphere) {
        return ((Number) citizen.post().uri("/api/v1/organization-requests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name, "address", "д. Малые Озёра, 3", "sphereId", sphere)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get("n")).longValue()).one().defaultIfEmpty(0L).block();
    }
}

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A citizen whose search finds nothing reports the missing organisation from a page: a visitor is sent to sign in and
 * back with what was typed, errors come back beside their fields, and a request sent is in the moderators' queue and
 * on the citizen's page with its state.
 */
class OrganizationRequestPagesTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    @Test
    void anEmptySearchLeadsToTheFormAndTheRequestReachesTheModerators() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        PageSession visitor = new PageSession(web);
        PageSession.Page nothing = visitor.get("/search?q=Библиотека+Малые+Озёра");
        assertThat(nothing.body()).contains("href=\"/organizations/new?name=");
        PageSession.Page toLogin = visitor.get("/organizations/new?name=Библиотека");
        assertThat(toLogin.status().value()).isEqualTo(303);
        assertThat(toLogin.location()).startsWith("/login?next=/organizations/new?name%3D");

        String email = "reporter" + System.nanoTime() + "@example.by";
        accounts.create(email, "reporter password 1", "Заявитель", true, Role.CITIZEN, null).block(Duration.ofSeconds(30));
        PageSession citizen = new PageSession(web);
        citizen.get("/login");
        assertThat(citizen.post("/login", Map.of("email", email, "password", "reporter password 1")).status().value())
                .isEqualTo(303);
        PageSession.Page form = citizen.get("/organizations/new?name=Библиотека");
        assertThat(form.status().value()).isEqualTo(200);
        assertThat(form.body()).contains("value=\"Библиотека\"").contains("name=\"sphereId\"");

        PageSession.Page refused = citizen.post("/organizations/new", Map.of("name", "Би", "address", "", "sphereId", "",
                "unp", "12345678", "comment", ""));
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"err-name\"").contains("id=\"err-address\"").contains("id=\"err-sphereId\"")
                .contains("id=\"err-unp\"").contains("value=\"Би\"");
        assertThat(db.sql("SELECT count(*) AS n FROM org_request").map(r -> r.get("n", Long.class)).one().block()).isZero();

        PageSession.Page sent = citizen.post("/organizations/new", Map.of("name", "Сельская библиотека д. Малые Озёра",
                "address", "д. Малые Озёра, 3", "sphereId", "1", "unp", "", "comment", "Её нет в каталоге"));
        assertThat(sent.status().value()).isEqualTo(303);
        PageSession.Page after = citizen.get(sent.location());
        assertThat(after.body()).contains("отправлена модераторам").contains("Сельская библиотека д. Малые Озёра")
                .contains("ждёт проверки модератором");

        loggedInAs(Role.MODERATOR, null).get().uri("/api/v1/moderation/organization-requests")
                .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].name").isEqualTo("Сельская библиотека д. Малые Озёра")
                .jsonPath("$.items[0].status").isEqualTo("PENDING");
    }
}

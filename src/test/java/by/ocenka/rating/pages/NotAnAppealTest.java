package by.ocenka.rating.pages;

import java.time.Duration;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wherever comments are written or read, the page says that a review is not an appeal under the Law of 18 July 2011
 * and links to where an appeal is filed; replies are the organisation's, not official answers.
 */
class NotAnAppealTest extends IntegrationTest {

    private static final String NOTICE = "не обращение по Закону Республики Беларусь от 18 июля 2011 года";
    private static final String APPEALS = "href=\"https://xn--80abnmycp7evc.xn--90ais/\"";

    @Autowired
    CatalogDemoData demo;

    @Test
    void theFormThePageTheCitizensOwnListAndTheCabinetSaySo() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        long org = db.sql("SELECT id FROM organization WHERE status = 'ACTIVE' ORDER BY id LIMIT 1")
                .map(row -> row.get("id", Long.class)).one().block();
        PageSession visitor = new PageSession(web);
        for (String path : new String[] {"/o/" + org + "/rate", "/o/" + org}) {
            PageSession.Page page = visitor.get(path);
            assertThat(page.status().value()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains(NOTICE).contains(APPEALS).doesNotContain("официальный ответ");
        }
        assertThat(visitor.get("/o/" + org + "?lang=be").body()).contains("не зварот паводле Закона Рэспублікі Беларусь");
        assertThat(visitor.get("/o/" + org + "?lang=en").body()).contains("is not an appeal under the Law of the Republic of Belarus");

        WebTestClient citizen = citizen();
        citizen.post().uri("/api/v1/organizations/" + org + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", "Спасибо за помощь")).exchange()
                .expectStatus().isCreated();
        assertThat(citizen.get().uri("/account/ratings").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains(NOTICE);
        assertThat(loggedInAs(Role.ORG_ADMIN, org).get().uri("/cabinet/" + org).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .contains(NOTICE).contains("по стандарту портала").doesNotContain("Просрочено");
    }
}

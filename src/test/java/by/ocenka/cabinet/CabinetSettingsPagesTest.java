package by.ocenka.cabinet;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cabinet's settings page as an admin and a responder use it, with plain forms: criteria of their own (then on the
 * unit's rating form), colleagues (with a certificate), alerts, posters and the audit trail; refusals shown in words.
 */
class CabinetSettingsPagesTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    private static MultiValueMap<String, String> form(String... pairs) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private WebTestClient.ResponseSpec post(WebTestClient client, String path, MultiValueMap<String, String> form) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form)).exchange();
    }

    private String page(WebTestClient client, String path) {
        return client.get().uri(path).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block();
    }

    @Test
    void anAdminSetsCriteriaColleaguesAndAlertsFromThePageAndReadsTheAuditTrail() {
        Subtrees tree = Subtrees.load(demo, db);
        WebTestClient admin = loggedInAs(Role.ORG_ADMIN, tree.body());
        String settings = "/cabinet/" + tree.body() + "/settings";
        String html = page(admin, settings);
        assertThat(html).contains("id=\"criteria\"", "id=\"staff\"", "id=\"audit\"", "id=\"alerts\"",
                "/poster?format=pdf&amp;lang=be").doesNotContain("name=\"certificate\"");

        // A criterion of its own, named in Russian only (no code to invent): on the unit's rating form at once.
        post(admin, settings + "/criteria", form("ru", "Удобство зала ожидания", "be", "", "en", ""))
                .expectStatus().isSeeOther().expectHeader().location(settings + "?done=criteria#criteria");
        assertThat(page(web, "/o/" + tree.unit() + "/rate")).contains("Удобство зала ожидания");
        assertThat(page(web, "/o/" + tree.unit() + "/rate?lang=en")).as("the Russian name stands in").contains("Удобство зала ожидания");
        assertThat(page(admin, settings)).as("no raw code shown").doesNotContain(">OWN_1<");
        // No Russian name: the page again, saying why, and nothing stored.
        String refused = post(admin, settings + "/criteria", form("ru", " ", "be", "Назва", "en", "Name"))
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("role=\"alert\"", "название по-русски обязательно");
        assertThat(count("SELECT count(*) FROM criterion WHERE organization_id IS NOT NULL")).isEqualTo(1);

        // Two colleagues: new addresses get accounts and a mail; the page says what happened.
        post(admin, settings + "/staff", form("email", "olga@unit.example.by", "displayName", "Ольга", "role", "ORG_RESPONDER"))
                .expectStatus().isSeeOther().expectHeader().location(settings + "?done=invited#staff");
        post(admin, settings + "/staff", form("email", "ivan@unit.example.by", "displayName", "Иван", "role", "ORG_ADMIN"))
                .expectStatus().isSeeOther();
        html = page(admin, settings + "?done=invited");
        assertThat(html).contains("olga@unit.example.by", "ivan@unit.example.by", "Приглашение отправлено");
        long olga = count("SELECT id FROM app_user WHERE email = 'olga@unit.example.by'");
        post(admin, settings + "/staff/" + olga + "/remove", form("role", "ORG_RESPONDER", "organization", String.valueOf(tree.body())))
                .expectStatus().isSeeOther();
        assertThat(count("SELECT count(*) FROM user_role WHERE user_id = " + olga)).isZero();
        // An address that is none: refused with the field named.
        post(admin, settings + "/staff", form("email", "not-an-address", "displayName", "Пётр", "role", "ORG_ADMIN"))
                .expectStatus().isBadRequest();

        post(admin, settings + "/alerts", form("maxMean", "2", "digest", "weekly")).expectStatus().isSeeOther();
        admin.get().uri("/api/v1/cabinet/alerts").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.maxMean").isEqualTo(2).jsonPath("$.digest").isEqualTo("weekly");

        assertThat(page(admin, settings)).contains("изменены свои критерии", "добавлен коллега", "снята роль коллеги",
                "Test ORG_ADMIN");
    }

    @Test
    void aResponderSeesOnlyItsAlertsAndPostersAndCannotChangeTheRest() {
        Subtrees tree = Subtrees.load(demo, db);
        WebTestClient responder = loggedInAs(Role.ORG_RESPONDER, tree.unit());
        String settings = "/cabinet/" + tree.unit() + "/settings";
        String html = page(responder, settings);
        assertThat(html).contains("id=\"alerts\"", "id=\"posters\"").doesNotContain("id=\"criteria\"", "id=\"staff\"");
        post(responder, settings + "/criteria", form("code", "MINE", "ru", "a", "be", "b", "en", "c")).expectStatus().isForbidden();
        responder.get().uri("/cabinet/" + tree.outside() + "/settings").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isForbidden();
        assertThat(count("SELECT count(*) FROM criterion WHERE organization_id IS NOT NULL")).isZero();
        // Not logged in: to the login page and back.
        web.get().uri(settings).exchange().expectStatus().is3xxRedirection()
                .expectHeader().location("/login?next=" + settings);
    }
}

package by.ocenka.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import by.ocenka.support.SqlStatements;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages as a browser without JavaScript uses them: HTTP in, the page and the database out. The same paths with
 * scripts on are walked in Chromium by {@link BrowserTest}.
 */
class PagesTest extends IntegrationTest {

    static final Map<String, String> FIVES = Map.of("score.SIMPLICITY", "5", "score.INFORMATION", "5",
            "score.TIMELINESS", "5", "score.POLITENESS", "5", "score.OVERALL", "5");

    @Autowired
    CatalogDemoData demo;

    long org;

    @BeforeEach
    void catalogue() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        org = db.sql("SELECT id FROM organization WHERE status = 'ACTIVE' AND parent_id IS NOT NULL ORDER BY id LIMIT 1")
                .map(row -> row.get("id", Long.class)).one().block();
    }

    @Test
    void homeSearchAndTheThreeLanguages() {
        PageSession browser = new PageSession(web);
        PageSession.Page home = browser.get("/");
        assertThat(home.status().value()).isEqualTo(200);
        assertThat(home.body()).contains("<html lang=\"ru\"").contains("Как вас обслужили?").contains("Здравоохранение")
                .contains("href=\"/search?sphere=1\"");

        PageSession.Page belarusian = browser.get("/?lang=be");
        assertThat(belarusian.body()).contains("<html lang=\"be\"").contains("Як вас абслужылі?").contains("Ахова здароўя");
        assertThat(browser.cookie("lang")).isEqualTo("be");
        // The choice is remembered for the next page.
        assertThat(browser.get("/search").body()).contains("<html lang=\"be\"").contains("Пошук арганізацый");
        assertThat(browser.get("/?lang=en").body()).contains("<html lang=\"en\"").contains("How were you served?");

        // A typo still finds the polyclinic; the result links to its page.
        PageSession.Page found = new PageSession(web).get("/search?q=паликлиника");
        assertThat(found.body()).containsPattern("Найдено: [1-9]").containsPattern("href=\"/o/\\d+\"");
        assertThat(found.body().toLowerCase()).contains("поликлиника");
    }

    @Test
    void searchAsYouTypeAnswersOnlyTheResults() {
        String fragment = web.get().uri("/search?q=полик").accept(MediaType.TEXT_HTML).header("HX-Request", "true")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(fragment).startsWith("<section id=\"results\"").doesNotContain("<html").containsPattern("href=\"/o/\\d+\"");
        // Paging keeps the search.
        PageSession.Page page = new PageSession(web).get("/search?q=поликлиника&sort=name");
        assertThat(page.body()).contains("<form id=\"search-form\"");
    }

    @Test
    void unknownPagesAreHtmlForBrowsersAndProblemsForTheApi() {
        PageSession.Page missing = new PageSession(web).get("/o/987654321");
        assertThat(missing.status().value()).isEqualTo(404);
        assertThat(missing.body()).contains("<html lang=\"ru\"").contains("href=\"/search\"");
        web.get().uri("/api/v1/organizations/987654321").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        PageSession.Page bad = new PageSession(web).get("/search?sort=sideways");
        assertThat(bad.status().value()).isEqualTo(400);
        assertThat(bad.body()).contains("<html");
    }

    @Test
    void qrLinkToRatingThroughTheLoginWithNothingLost() {
        String email = "qr-" + System.nanoTime() + "@example.by";
        accounts.create(email, "correct horse battery", "Ганна", true, Role.CITIZEN, null).block(Duration.ofSeconds(30));
        PageSession phone = new PageSession(web);

        PageSession.Page form = phone.get("/o/" + org + "/rate");
        assertThat(form.status().value()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"email\"").contains("Войти с паролем").contains("name=\"score.POLITENESS\"");

        // Filled in before logging in with a password ("Log in with a password" on the form): the answers wait.
        PageSession.Page sent = phone.post("/o/" + org + "/rate", Map.of("score.SIMPLICITY", "4", "score.INFORMATION", "5",
                "score.TIMELINESS", "3", "score.POLITENESS", "5", "score.OVERALL", "4", "comment", "Вежливо и быстро",
                "email", "", "login", "1"));
        assertThat(sent.status().value()).isEqualTo(303);
        assertThat(sent.location()).isEqualTo("/login?next=/o/" + org + "/rate&reason=rate");
        assertThat(count()).isZero();

        PageSession.Page login = phone.post("/login", Map.of("email", email, "password", "correct horse battery",
                "next", "/o/" + org + "/rate"));
        assertThat(login.status().value()).isEqualTo(303);
        assertThat(login.location()).isEqualTo("/o/" + org + "/rate");

        PageSession.Page restored = phone.get("/o/" + org + "/rate");
        assertThat(restored.body()).contains("Ваши ответы сохранены").contains("Вежливо и быстро")
                .containsPattern("id=\"s-TIMELINESS-3\"[^>]*checked");
        PageSession.Page rated = phone.post("/o/" + org + "/rate", Map.of("score.SIMPLICITY", "4", "score.INFORMATION", "5",
                "score.TIMELINESS", "3", "score.POLITENESS", "5", "score.OVERALL", "4", "comment", "Вежливо и быстро"));
        assertThat(rated.status().value()).isEqualTo(303);
        PageSession.Page thanks = phone.get(rated.location());
        assertThat(thanks.status().value()).isEqualTo(200);
        // (4 + 5 + 3 + 5 + 4) / 5 = 4.2, the organisation's first questionnaire.
        assertThat(thanks.body()).contains("Спасибо! Оценка принята.").contains("id=\"new-score\">4,20<");
        assertThat(count()).isEqualTo(1);

        // The daily limit is shown before the form, and a second send is refused without writing.
        assertThat(phone.get("/o/" + org + "/rate").body()).contains("Вы уже оценили эту организацию сегодня")
                .doesNotContain("name=\"score.POLITENESS\"");
        PageSession.Page again = phone.post("/o/" + org + "/rate", FIVES);
        assertThat(again.status().value()).isEqualTo(409);
        assertThat(count()).isEqualTo(1);

        // The organisation's page shows the new score and the comment; my ratings list it.
        PageSession.Page page = phone.get("/o/" + org);
        assertThat(page.body()).contains("id=\"live-score\">4,20<").contains("Вежливо и быстро").contains("Ганна");
        assertThat(phone.get("/account/ratings").body()).contains("/o/" + org).contains("Вежливо и быстро");
    }

    @Test
    void errorsNextToTheirFieldsAndNothingWritten() {
        PageSession citizen = loggedInCitizen();
        PageSession.Page invalid = citizen.post("/o/" + org + "/rate", Map.of("score.SIMPLICITY", "5",
                "score.INFORMATION", "9", "serviceDate", "2999-01-01", "comment", "x".repeat(2001), "serviceName", "Справка"));
        assertThat(invalid.status().value()).isEqualTo(400);
        assertThat(invalid.body()).contains("data-error-summary").contains("Исправьте, пожалуйста")
                .contains("href=\"#s-INFORMATION-1\"").contains("href=\"#comment\"")
                .containsPattern("id=\"err-INFORMATION\">[^<]+<").containsPattern("id=\"err-TIMELINESS\">[^<]+<")
                .containsPattern("id=\"err-serviceDate\">[^<]+<").containsPattern("id=\"err-comment\">[^<]+<")
                // What was typed stays.
                .contains("value=\"Справка\"").containsPattern("id=\"s-SIMPLICITY-5\"[^>]*checked");
        PageSession.Page badDate = citizen.post("/o/" + org + "/rate", Map.of("score.SIMPLICITY", "5", "serviceDate", "вчера"));
        assertThat(badDate.status().value()).isEqualTo(400);
        assertThat(badDate.body()).containsPattern("id=\"err-serviceDate\">[^<]+<");
        assertThat(count()).isZero();

        // Without the CSRF token nothing is written either.
        PageSession.Page forged = citizen.post("/o/" + org + "/rate", Map.of("_csrf", "forged", "score.SIMPLICITY", "5"));
        assertThat(forged.status().value()).isEqualTo(403);
        assertThat(count()).isZero();
    }

    @Test
    void registrationByPagesThenTheMailedLinkThenRating() {
        PageSession phone = new PageSession(web);
        phone.get("/register?next=/o/" + org + "/rate");
        String email = "new-" + System.nanoTime() + "@example.by";
        PageSession.Page weak = phone.post("/register", Map.of("displayName", "Алесь", "email", email, "password", "qwerty"));
        assertThat(weak.status().value()).isEqualTo(400);
        assertThat(weak.body()).containsPattern("aria-invalid=\"true\"").contains("value=\"Алесь\"");

        PageSession.Page done = phone.post("/register", Map.of("displayName", "Алесь", "email", email,
                "password", "ясны дзень над Нёманам", "next", "/o/" + org + "/rate"));
        assertThat(done.status().value()).isEqualTo(200);
        assertThat(done.body()).contains("Проверьте почту").contains(email);
        // Not signed in yet (a known address would look the same): the mailed link signs in, in any browser, with the
        // password chosen at registration.
        assertThat(phone.cookie("SESSION")).isNull();

        String link = mailedLink(email, "/confirm?token=");
        String token = link.substring(link.indexOf("token=") + 6).split("&")[0];
        PageSession mailApp = new PageSession(web);
        PageSession.Page opened = mailApp.get(link.substring(link.indexOf("/confirm")));
        // A page with a button: opening the link (a mail scanner does) confirms nothing.
        assertThat(opened.status().value()).isEqualTo(200);
        assertThat(opened.body()).contains(email).contains("name=\"password\"").contains("Подтвердить без пароля");
        PageSession.Page wrong = mailApp.post("/confirm", Map.of("token", token, "password", "not the password at all",
                "next", "/o/" + org + "/rate"));
        assertThat(wrong.status().value()).isEqualTo(400);
        assertThat(wrong.body()).contains("неверный пароль").contains("name=\"token\"");
        PageSession.Page posted = mailApp.post("/confirm", Map.of("token", token, "password", "ясны дзень над Нёманам",
                "next", "/o/" + org + "/rate"));
        assertThat(posted.status().value()).isEqualTo(303);
        PageSession.Page confirmed = mailApp.get(posted.location());
        // Signed in there and then: the page's header says so, and it leads on to the form.
        assertThat(confirmed.body()).contains("Адрес подтверждён").contains("href=\"/o/" + org + "/rate\"")
                .contains("action=\"/logout\"");
        mailApp.get("/o/" + org + "/rate");
        assertThat(mailApp.get(mailApp.post("/o/" + org + "/rate", FIVES).location()).body()).contains("Спасибо! Оценка принята.");
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void passwordResetAndAccountSettingsByPages() {
        String email = "forgot-" + System.nanoTime() + "@example.by";
        accounts.create(email, "old password is long", "Пётр", true, Role.CITIZEN, null).block(Duration.ofSeconds(30));
        PageSession browser = new PageSession(web);
        browser.get("/password-reset");
        assertThat(browser.post("/password-reset", Map.of("email", email)).body()).contains("Проверьте почту");
        assertThat(browser.post("/password-reset", Map.of("email", "nobody@example.by")).body()).contains("Проверьте почту");
        String link = mailedLink(email, "/password-reset?token=");
        String path = link.substring(link.indexOf("/password-reset"));
        String token = path.substring(path.indexOf('=') + 1);
        assertThat(browser.get(path).body()).contains("name=\"newPassword\"");
        assertThat(browser.post("/password-reset/confirm", Map.of("token", token, "newPassword", "new password is longer"))
                .body()).contains("Пароль изменён");
        PageSession.Page reused = browser.post("/password-reset/confirm", Map.of("token", token, "newPassword", "another long password"));
        assertThat(reused.status().value()).as(reused.body()).isEqualTo(400);
        assertThat(reused.body()).contains("Ссылка устарела или уже использована");

        assertThat(browser.post("/login", Map.of("email", email, "password", "old password is long")).status().value())
                .isEqualTo(401);
        assertThat(browser.post("/login", Map.of("email", email, "password", "new password is longer")).location()).isEqualTo("/");
        assertThat(browser.post("/account/name", Map.of("displayName", "Пётр Б.")).location()).isEqualTo("/account?done=name");
        assertThat(browser.get("/account?done=name").body()).contains("Имя сохранено").contains("value=\"Пётр Б.\"");
        assertThat(db.sql("SELECT display_name FROM app_user WHERE email = :e").bind("e", email)
                .map(r -> r.get("display_name", String.class)).one().block()).isEqualTo("Пётр Б.");

        assertThat(browser.post("/account/delete", Map.of()).status().value()).isEqualTo(400);
        assertThat(browser.post("/account/delete", Map.of("confirm", "yes")).body()).contains("Учётная запись удалена");
        assertThat(db.sql("SELECT count(*) AS n FROM app_user WHERE email = :e").bind("e", email)
                .map(r -> r.get("n", Long.class)).one().block()).isZero();
        assertThat(browser.get("/account").location()).isEqualTo("/login?next=/account");
    }

    @Test
    void theOrganisationPageCostsTheSameFewStatementsWhateverItShows() {
        rate(3);
        // Logged in: the page is rendered for this visitor (an anonymous one gets it from memory, below).
        PageSession browser = loggedInCitizen();
        browser.get("/o/" + org); // the criteria and placement caches are filled on the first view
        SqlStatements.Mark mark = SqlStatements.mark();
        PageSession.Page page = browser.get("/o/" + org);
        List<String> few = mark.since();
        assertThat(page.body()).contains("Отзывы (3)");

        rate(7);
        mark = SqlStatements.mark();
        page = browser.get("/o/" + org);
        List<String> more = mark.since();
        assertThat(page.body()).contains("Отзывы (10)");
        assertThat(more).as("statements for 10 reviews vs 3: %s", more).hasSameSizeAs(few);
        // Detail, reviews, trend, rank snapshot, children, the held count (one partial-index read): one round trip for
        // the page, no query per comment.
        assertThat(more.size()).as("%s", more).isLessThanOrEqualTo(7);
    }

    @Test
    void anAnonymousPageComesFromMemoryAndFollowsANewRatingAtOnce() {
        rate(3);
        PageSession.Page first = new PageSession(web).get("/o/" + org);
        assertThat(first.body()).contains("Отзывы (3)");
        // The ratings above also queue a background re-render of the page (within a quarter of a second): let it
        // finish, so that only this request's statements are counted.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            SqlStatements.Mark quiet = SqlStatements.mark();
            Thread.sleep(400);
            return quiet.since().isEmpty();
        });

        SqlStatements.Mark mark = SqlStatements.mark();
        var again = web.get().uri("/o/" + org).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectHeader().valueMatches("Cache-Control", "public, max-age=\\d+, stale-while-revalidate=\\d+")
                .expectBody(String.class).returnResult();
        assertThat(mark.since()).as("an anonymous visitor's page is sent from memory").isEmpty();
        assertThat(again.getResponseBody()).isEqualTo(first.body());
        String etag = again.getResponseHeaders().getETag();
        web.get().uri("/o/" + org).accept(MediaType.TEXT_HTML).header("If-None-Match", etag).exchange()
                .expectStatus().isNotModified();

        long rated = System.nanoTime();
        rate(1);
        Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(new PageSession(web).get("/o/" + org).body()).contains("Отзывы (4)"));
        System.out.printf("An anonymous page showed a new rating %d ms after it was accepted%n",
                Duration.ofNanos(System.nanoTime() - rated).toMillis());
    }

    @Test
    void mapRankingAndInfographicsRender() {
        rate(2);
        PageSession browser = new PageSession(web);
        assertThat(browser.get("/map").body()).contains("id=\"map\"").contains("data-tiles=\"" + System.getProperty("ocenka.web.map-tiles-url") + "\"")
                .contains("/webjars/leaflet/dist/leaflet.js");
        assertThat(browser.get("/rating").body()).contains("href=\"/o/" + org + "\"")
                // Plain words (issue 29, item 10): how the position is counted, without "байесовская средняя".
                .contains("Место — по оценке организации").contains("мало оценок").doesNotContain("байесов");
        assertThat(browser.get("/rating?scope=sphere").body()).contains("id=\"ranking-sphere\"");
        assertThat(browser.get("/infographics").body()).contains("data-stats=").contains("/webjars/echarts/dist/echarts.min.js")
                .contains("id=\"chart-regions\"");
        web.get().uri("/webjars/leaflet/dist/leaflet.js").exchange().expectStatus().isOk();
        web.get().uri("/webjars/htmx.org/dist/htmx.min.js").exchange().expectStatus().isOk();
        web.get().uri("/css/app.css").exchange().expectStatus().isOk().expectHeader().exists("Cache-Control");
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private PageSession loggedInCitizen() {
        String email = "c-" + System.nanoTime() + "@example.by";
        accounts.create(email, "correct horse battery", "Citizen", true, Role.CITIZEN, null).block(Duration.ofSeconds(30));
        PageSession browser = new PageSession(web);
        browser.get("/login");
        assertThat(browser.post("/login", Map.of("email", email, "password", "correct horse battery")).status().value())
                .isEqualTo(303);
        return browser;
    }

    /** {@code n} citizens rate the organisation, each with a comment. */
    private void rate(int n) {
        for (int i = 0; i < n; i++) {
            PageSession citizen = loggedInCitizen();
            Map<String, String> form = new HashMap<>(FIVES);
            // Not all fives: a run of those from new accounts is held by fair play (FairPlayTest), not what this counts.
            form.put("score.OVERALL", "4");
            form.put("comment", "Комментарий " + i);
            assertThat(citizen.post("/o/" + org + "/rate", form).status().value()).isEqualTo(303);
        }
    }

    private long count() {
        return db.sql("SELECT count(*) AS n FROM questionnaire WHERE organization_id = :org").bind("org", org)
                .map(r -> r.get("n", Long.class)).one().block();
    }

    @SuppressWarnings("unchecked")
    private String mailedLink(String to, String marker) {
        List<Map<String, Object>> inbox = web.get().uri("/dev/mail").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        String text = inbox.stream().filter(m -> to.equals(m.get("to"))).map(m -> (String) m.get("text")).findFirst().orElseThrow();
        Matcher link = Pattern.compile("https?://\\S+" + Pattern.quote(marker) + "\\S+").matcher(text);
        assertThat(link.find()).as(text).isTrue();
        return link.group();
    }
}

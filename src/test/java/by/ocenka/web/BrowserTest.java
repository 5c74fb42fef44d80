package by.ocenka.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.TestData;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages with their scripts, in headless Chromium ({@link BrowserTesting}). */
class BrowserTest extends BrowserTesting {

    @Test
    void qrLinkLoginRateAndSeeTheNewScore() {
        String email = "phone-" + System.nanoTime() + "@example.by";
        accounts.create(email, "correct horse battery", "Ганна", true, Role.CITIZEN, null).block(Duration.ofSeconds(30));
        browser.manage().window().setSize(new Dimension(390, 844));

        // What the QR code holds.
        browser.get(url("/o/" + org + "/rate"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Как вас обслужили?");
        settled();
        WebElement withPassword = browser.findElement(By.cssSelector("button[name=login]"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", withPassword);
        withPassword.click();
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        screenshot("-login");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();

        wait.until(ExpectedConditions.urlToBe(url("/o/" + org + "/rate")));
        settled();
        for (String criterion : List.of("SIMPLICITY", "INFORMATION", "TIMELINESS", "POLITENESS", "OVERALL")) {
            WebElement five = browser.findElement(By.cssSelector("label[for='s-" + criterion + "-5']"));
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", five);
            five.click();
        }
        browser.findElement(By.cssSelector(".optional summary")).click();
        browser.findElement(By.id("comment")).sendKeys("Всё быстро");
        assertThat(browser.findElement(By.id("comment-count")).getText()).isEqualTo("Осталось символов: 1990");
        screenshot("-form");
        browser.findElement(By.cssSelector("form.questionnaire button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Спасибо"));
        assertThat(browser.findElement(By.id("new-score")).getText()).isEqualTo("5,00");

        // The organisation's page follows new ratings live (EventSource), without a reload.
        // The page loads "eagerly" (the document, not every resource): a click waits for the layout to settle, or
        // it can land where a button was before the style sheet applied.
        settled();
        browser.findElement(By.linkText("К странице организации")).click();
        wait.until(ExpectedConditions.urlToBe(url("/o/" + org)));
        wait.until(ExpectedConditions.textToBe(By.id("live-score"), "5,00"));
        wait.until(ExpectedConditions.attributeToBe(By.id("content"), "data-live", "open"));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('live-score').dataset.marker = 'same page'");
        WebClientCitizen.rate(this, org, 1);
        wait.until(ExpectedConditions.textToBe(By.id("live-score"), "3,00"));
        assertThat(browser.findElement(By.id("live-score")).getDomAttribute("data-marker")).isEqualTo("same page");
        assertThat(browser.findElement(By.id("live-count")).getText()).isEqualTo("Оценок: 2");
    }

    @Test
    void anOrganisationAdminSeesAQuestionnaireArriveLiveAndRepliesPublicly() {
        long body = db.sql("SELECT parent_id FROM organization WHERE id = :org").bind("org", org)
                .map(row -> row.get("parent_id", Long.class)).one().block();
        String email = "head-" + System.nanoTime() + "@org.test";
        accounts.create(email, "correct horse battery", "Начальник отдела", true, Role.ORG_ADMIN, body)
                .block(Duration.ofSeconds(30));
        RatingTestSupport.citizens(db, 1, 1);
        var citizen = RatingTestSupport.sessions(web, 1, 1).get(0);

        browser.get(url("/login?next=/cabinet"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(url("/cabinet/" + body)));
        settled();
        assertThat(browser.findElement(By.tagName("h2")).getText()).startsWith("Показатели");
        // The page's live stream has joined once the browser has opened it: a questionnaire accepted now shows up.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#live-note[data-live='open']")));

        citizen.post().uri("/api/v1/organizations/" + org + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", "Спасибо за помощь с документами"))
                .exchange().expectStatus().isCreated();
        WebElement arrived = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#feed li.new")));
        assertThat(arrived.getText()).contains("Спасибо за помощь с документами");
        screenshot("-live");

        arrived.findElement(By.cssSelector("a.answer")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#feed li[id^='q'] form.reply-form")));
        form.findElement(By.tagName("textarea")).sendKeys("Рады были помочь!");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        // Back to the feed as it was filtered (the live item's link shows the questionnaires awaiting a reply, which this
        // one no longer is): the notice confirms the reply and leads to the questionnaire with it.
        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("div.notice.good")));
        assertThat(notice.getText()).contains("Ответ опубликован");
        List<WebElement> toQuestionnaire = notice.findElements(By.tagName("a"));
        if (!toQuestionnaire.isEmpty()) {
            toQuestionnaire.get(0).click();
        }
        wait.until(d -> d.findElements(By.cssSelector("#feed li blockquote.reply")).stream()
                .anyMatch(reply -> reply.getText().contains("Рады были помочь!")));

        browser.get(url("/o/" + org));
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("Рады были помочь!"));
        screenshot("-public");
    }

    /** The author says the reply helped with one of two buttons in one form, on a phone; the page thanks them. */
    @Test
    void theAuthorMarksTheReplyHelpfulOnAPhone() {
        RatingTestSupport.citizens(db, 1, 1);
        var citizen = RatingTestSupport.sessions(web, 1, 1).get(0);
        long questionnaire = ((Number) citizen.post().uri("/api/v1/organizations/" + org + "/ratings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", "Долго ждал в очереди"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
        String email = "responder-" + System.nanoTime() + "@org.test";
        accounts.create(email, "correct horse battery", "Ответственный", true, Role.ORG_RESPONDER, org)
                .block(Duration.ofSeconds(30));
        loggedIn(email, "correct horse battery").post().uri("/api/v1/cabinet/questionnaires/" + questionnaire + "/reply")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("text", "Открыли второе окно."))
                .exchange().expectStatus().isCreated();

        browser.manage().window().setSize(new Dimension(360, 800));
        browser.get(url("/login?next=/account/ratings"));
        browser.findElement(By.id("email")).sendKeys("citizen1@load.test");
        browser.findElement(By.id("password")).sendKeys("pw-1-secret");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        WebElement yes = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("form.helpful button[value=true]")));
        yes.click();
        WebElement thanks = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice.good")));
        assertThat(thanks.getText()).contains("Спасибо, ваша отметка сохранена");
        assertThat(browser.findElement(By.id("rating-" + questionnaire)).getText()).contains("Вы отметили: ответ помог.");
        assertThat(browser.findElements(By.cssSelector("form.helpful"))).isEmpty();
        screenshot("-helpful");
    }

    @Test
    void staffAnswerTwoQuestionnairesAtOnceFromATemplateOnAPhone() {
        // Citizens of their own (21 and 22): another test's citizen may have rated the organisation today already.
        RatingTestSupport.citizens(db, 21, 2);
        List<Long> asked = new ArrayList<>();
        for (var citizen : RatingTestSupport.sessions(web, 21, 2)) {
            asked.add(((Number) citizen.post().uri("/api/v1/organizations/" + org + "/ratings")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("scores", Map.of("SIMPLICITY", 3, "INFORMATION", 4, "TIMELINESS", 2, "POLITENESS", 4,
                            "OVERALL", 3), "comment", "Долго ждали в очереди"))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                    .get("id")).longValue());
        }
        String email = "admin-" + System.nanoTime() + "@org.test";
        accounts.create(email, "correct horse battery", "Администратор", true, Role.ORG_ADMIN, org)
                .block(Duration.ofSeconds(30));
        loggedIn(email, "correct horse battery").put().uri("/api/v1/cabinet/organizations/" + org + "/reply-templates")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(List.of(Map.of("title", "Очередь", "text", "Спасибо! С {date} открыто второе окно.")))
                .exchange().expectStatus().isOk();

        browser.manage().window().setSize(new Dimension(360, 800));
        browser.get(url("/login?next=/cabinet/" + org));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("details.bulk-reply summary"))).click();
        for (long id : asked) {
            browser.findElement(By.cssSelector("input[name=questionnaireIds][value='" + id + "']")).click();
        }
        // The script offers the organisation's templates in the box; picking one puts its text there.
        new Select(browser.findElement(By.cssSelector("#bulk-reply select[data-template-pick]"))).selectByVisibleText("Очередь");
        assertThat(browser.findElement(By.cssSelector("#bulk-reply textarea")).getDomProperty("value"))
                .isEqualTo("Спасибо! С {date} открыто второе окно.");
        browser.findElement(By.cssSelector("#bulk-reply button[type=submit]")).click();
        WebElement done = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("div.notice.good")));
        assertThat(done.getText()).contains("Опубликовано ответов: 2.");
        // The page opens at what it says, not at the filters above it.
        assertThat(browser.getCurrentUrl()).endsWith("#bulk-done");
        assertThat((String) ((JavascriptExecutor) browser).executeScript("const r = arguments[0].getBoundingClientRect(); "
                + "return (r.bottom > 0 && r.top < window.innerHeight) + ' top ' + r.top + ' of ' + window.innerHeight;",
                done)).startsWith("true");
        String today = LocalDate.now(ZoneId.of("Europe/Minsk")).format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        for (long id : asked) {
            assertThat(db.sql("SELECT text FROM questionnaire_reply WHERE questionnaire_id = :id").bind("id", id)
                    .map(r -> r.get("text", String.class)).one().block())
                    .isEqualTo("Спасибо! С " + today + " открыто второе окно.");
        }
        screenshot("-bulk-reply");
    }

    @Test
    void searchWithATypoLeadsToTheOrganisationPage() {
        browser.get(url("/search"));
        WebElement box = browser.findElement(By.id("q"));
        String everything = browser.findElement(By.cssSelector("#results .muted")).getText();
        ((JavascriptExecutor) browser).executeScript("document.body.dataset.marker = 'same page'");
        box.sendKeys("паликлиника");
        // Search as you type: htmx swaps the results in without a page load, and the address follows. A slow typist may
        // have sent a shorter query first: wait for the results of the whole word, with no request left in flight.
        wait.until(d -> URLDecoder.decode(d.getCurrentUrl(), StandardCharsets.UTF_8)
                .contains("q=паликлиника") && d.findElements(By.cssSelector(".htmx-request, .htmx-settling")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#results .muted")).getText()).isNotEqualTo(everything);
        assertThat(browser.findElement(By.cssSelector("#results .muted")).getText()).matches("Найдено: [1-9][0-9]*");
        assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-marker")).isEqualTo("same page");
        assertThat(browser.getCurrentUrl()).contains("q=");
        WebElement first = browser.findElement(By.cssSelector("#results .result-name"));
        String name = first.getText();
        assertThat(name.toLowerCase()).contains("поликлиник");
        first.click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), name));
        assertThat(browser.findElement(By.cssSelector(".qr img")).getDomAttribute("src")).contains("/qr?format=svg");
    }

    @Test
    void mapShowsMarkersAndAPopup() {
        browser.get(url("/map"));
        // Over the whole country: the server's clusters; a click zooms in until single organisations show.
        int draws = mapDrawn(0);
        for (int i = 0; i < 6 && browser.findElements(By.cssSelector("path.leaflet-interactive")).isEmpty(); i++) {
            biggestCluster().click();
            draws = mapDrawn(draws);
        }
        // The layer is drawn for the view it shows and nothing replaces it now: its points stay the ones found here.
        List<WebElement> points = browser.findElements(By.cssSelector("path.leaflet-interactive"));
        assertThat(points).isNotEmpty();
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", points.get(0));
        WebElement popup = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".leaflet-popup-content")));
        assertThat(popup.findElements(By.tagName("a"))).extracting(WebElement::getText).contains("Открыть", "Оценить");
        // The credit line is the tiles' own (no Leaflet prefix); tiles that do not load are said so, not left grey.
        assertThat(browser.findElement(By.cssSelector(".leaflet-control-attribution")).getText())
                .contains("OpenStreetMap").doesNotContain("Leaflet");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("map-tiles-failed"))).getText())
                .contains("Подложка карты");
    }

    @Test
    void languageSwitchToBelarusianAndEnglish() {
        browser.get(url("/"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("ru");
        browser.findElement(By.cssSelector(".langs a[hreflang=be]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "be"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Як вас абслужылі?");
        screenshot("-be");
        browser.findElement(By.linkText("Пошук")).click();
        wait.until(ExpectedConditions.urlContains("/search"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Пошук арганізацый");
        browser.findElement(By.cssSelector(".langs a[hreflang=en]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Find an organisation");
    }

    /**
     * The first-time citizen at the desk, on a 360-pixel phone, typing like a person: from the QR code's page to the
     * counted rating with a code from the mail. Counts the taps on the portal beside the answers themselves (the
     * five scores) and the time, with a person's pauses: reading each question, typing the address and the code, and
     * eight seconds to switch to the mail app, read the code and come back. The note of issue 15 gives the figures.
     */
    @Test
    void aFirstTimeCitizenFromTheQrCodeToACountedRatingInUnderAMinute() {
        browser.manage().window().setSize(new Dimension(360, 800));
        String email = "first.visit@example.by";
        int taps = 0;
        long started = System.nanoTime();
        browser.get(url("/o/" + org + "/rate"));
        settled();
        for (String criterion : List.of("SIMPLICITY", "INFORMATION", "TIMELINESS", "POLITENESS", "OVERALL")) {
            sleep(1500); // reading the question
            WebElement four = browser.findElement(By.cssSelector("label[for='s-" + criterion + "-4']"));
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", four);
            four.click();
        }
        WebElement address = browser.findElement(By.id("email"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", address);
        address.click();
        taps++;
        typeLikeAPerson(address, email, 200);
        screenshot("-form");
        browser.findElement(By.cssSelector("form.questionnaire button[type=submit]")).click();
        taps++;

        wait.until(ExpectedConditions.urlContains("/login/code"));
        settled();
        assertThat(browser.findElement(By.tagName("body")).getText()).contains(email);
        screenshot("-code");
        sleep(8000); // to the mail app and back
        String code = tokenFromMail(email, "Ocenka: ");
        WebElement field = browser.findElement(By.id("code"));
        field.click();
        taps++;
        typeLikeAPerson(field, code, 300);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        taps++;

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Спасибо"));
        double seconds = (System.nanoTime() - started) / 1e9;
        screenshot("-thanks");
        long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth");
        long content = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
        assertThat(content).as("nothing wider than the screen").isLessThanOrEqualTo(viewport);
        System.out.printf("QR path, first-time citizen: %.1f s, %d taps beside the 5 answers%n", seconds, taps);
        assertThat(taps).isLessThanOrEqualTo(6);
        assertThat(seconds).isLessThan(60);
        assertThat(db.sql("SELECT count(*) FROM questionnaire q JOIN app_user u ON u.id = q.user_id WHERE u.email = :e")
                .bind("e", email).map(row -> row.get(0, Long.class)).one().block()).isEqualTo(1);
    }

    /** Keys one at a time, as a thumb types them. */
    private static void typeLikeAPerson(WebElement field, String text, long millisPerKey) {
        for (char c : text.toCharArray()) {
            field.sendKeys(String.valueOf(c));
            sleep(millisPerKey);
        }
    }

    /** Every public page on a 360-pixel phone: nothing wider than the screen; the ranking as cards. */
    @Test
    void everyPageFitsA360PixelScreenAndTheRankingIsCards() {
        WebClientCitizen.rate(this, org, 4);
        browser.manage().window().setSize(new Dimension(360, 800));
        List<String> pages = List.of("/", "/search?q=%D0%BF%D0%BE%D0%BB%D0%B8%D0%BA%D0%BB%D0%B8%D0%BD%D0%B8%D0%BA%D0%B0",
                "/rating", "/map", "/infographics", "/o/" + org, "/o/" + org + "/rate", "/login", "/register",
                "/login/code", "/password-reset", "/feedback", "/polls", "/open-data");
        List<String> tooWide = new ArrayList<>();
        for (String page : pages) {
            browser.get(url(page));
            settled();
            long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth");
            long content = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
            if (content > viewport) {
                tooWide.add(page + " is " + content + " px wide");
            }
        }
        assertThat(tooWide).as("pages wider than a 360-pixel screen").isEmpty();
        browser.get(url("/rating"));
        settled();
        screenshot("-ranking");
        WebElement row = browser.findElement(By.cssSelector("table.ranking tbody tr"));
        assertThat(row.getCssValue("display")).as("a ranking row is a card on a phone").isEqualTo("grid");
        assertThat(row.getText()).contains("4,00");
        assertThat(row.findElement(By.cssSelector("td.figure")).getDomAttribute("data-label")).isEqualTo("Оценка");
        // On a desktop the same row is a table row: the score and the count are cells of their own columns, not tiles.
        browser.manage().window().setSize(new Dimension(1366, 900));
        browser.get(url("/rating"));
        settled();
        List<WebElement> figures = browser.findElements(By.cssSelector("table.ranking tbody tr:first-child td.figure"));
        assertThat(figures).extracting(cell -> cell.getCssValue("display")).containsOnly("table-cell");
        assertThat(figures.get(1).getRect().getX()).as("the count's column is right of the score's")
                .isGreaterThan(figures.get(0).getRect().getX());
    }

    /** The moderators' desk on a phone: every tab fits 360 pixels, the held burst with its buttons among them. */
    @Test
    void theModeratorsDeskFitsAPhone() {
        String email = "mod-" + System.nanoTime() + "@example.by";
        accounts.create(email, "correct horse battery", "Модератор", true, Role.MODERATOR, null).block(Duration.ofSeconds(30));
        // The body above's admin rates the organisation: held, so the desk has a burst to show.
        long body = db.sql("SELECT parent_id FROM organization WHERE id = :org").bind("org", org)
                .map(row -> row.get("parent_id", Long.class)).one().block();
        loggedInAs(Role.ORG_ADMIN, body).post().uri("/api/v1/organizations/" + org + "/ratings")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("scores", Map.of("SIMPLICITY", 5,
                        "INFORMATION", 5, "TIMELINESS", 5, "POLITENESS", 5, "OVERALL", 5)))
                .exchange().expectStatus().isCreated();
        browser.manage().window().setSize(new Dimension(360, 800));
        browser.get(url("/login?next=/moderation"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(url("/moderation")));
        List<String> tooWide = new ArrayList<>();
        for (String tab : List.of("held", "complaints", "feedback", "polls")) {
            browser.get(url("/moderation?tab=" + tab));
            settled();
            screenshot("-moderation-" + tab);
            long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth");
            long content = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
            if (content > viewport) {
                tooWide.add(tab + " is " + content + " px wide");
            }
        }
        assertThat(tooWide).as("moderation tabs wider than a 360-pixel screen").isEmpty();
        // Every control of the signed-in header («Выйти» among them) stands out from the header: 4.5:1 at least.
        @SuppressWarnings("unchecked")
        List<String> faint = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                const lum = c => { const [r, g, b] = c.match(/[0-9.]+/g).slice(0, 3).map(Number).map(v => v / 255)
                    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
                    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                const top = document.querySelector('.top');
                const ground = lum(getComputedStyle(top).backgroundColor);
                return [...top.querySelectorAll('a, button')].filter(e => e.offsetParent !== null).map(e => {
                    const style = getComputedStyle(e);
                    const own = !/rgba\\(0, 0, 0, 0\\)|transparent/.test(style.backgroundColor);
                    const a = lum(style.color), b = own ? lum(style.backgroundColor) : ground;
                    return [e.textContent.trim(), (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
                }).filter(([, ratio]) => ratio < 4.5).map(([text, ratio]) => text + ' ' + ratio.toFixed(2));""");
        assertThat(faint).as("header controls under 4.5:1").isEmpty();
        assertThat(browser.findElement(By.cssSelector(".top form[action='/logout'] button")).isDisplayed()).isTrue();
        browser.get(url("/moderation"));
        assertThat(browser.findElement(By.cssSelector(".queue .actions button")).getText()).isEqualTo("Учесть все");
    }

    /** The admin imports the old portal's history on a phone: the form, then the counts and the faulty lines, 360 px. */
    @Test
    void theAdminsHistoryImportFitsAPhone() throws IOException {
        String email = "admin-" + System.nanoTime() + "@example.by";
        accounts.create(email, "correct horse battery", "Администратор", true, Role.ADMIN, null).block(Duration.ofSeconds(30));
        Path file = Path.of("target", "history-" + testName + ".csv").toAbsolutePath();
        Files.writeString(file, "external_id,organization_id,unp,date,SIMPLICITY,INFORMATION,TIMELINESS,POLITENESS,OVERALL,service,comment\n"
                + "b-1," + org + ",,2019-03-14,5,4,5,4,5,Выдача справки,\"Быстро, вежливо\"\n"
                + "b-2,123456789012345678,,2019-03-14,5,4,5,4,5,,\n"
                + "b-3," + org + ",,14.03.2019,5,4,9,4,,,\n");
        browser.manage().window().setSize(new Dimension(360, 800));
        browser.get(url("/login?next=/admin/imports/questionnaires"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(url("/admin/imports/questionnaires")));
        browser.findElement(By.id("file")).sendKeys(file.toString());
        browser.findElement(By.cssSelector("form[enctype='multipart/form-data'] button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("done-h"), "Файл загружен"));
        settled();
        assertThat(browser.findElements(By.cssSelector(".figures dd")).stream().map(WebElement::getText).toList())
                .containsExactly("1", "0", "2");
        assertThat(browser.findElements(By.cssSelector(".table-scroll tbody tr"))).hasSize(3);
        long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth");
        long content = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
        assertThat(content).as("nothing wider than the screen").isLessThanOrEqualTo(viewport);
    }

    /** At 360 px every control a thumb needs is 44 px at least: header, language switch, footer, «Оценить», map zoom. */
    @Test
    void tapTargetsAt360PixelsAreAtLeast44PixelsHigh() {
        browser.manage().window().setSize(new Dimension(360, 800));
        List<String> small = new ArrayList<>();
        for (String path : List.of("/", "/search?q=%D0%BF%D0%BE%D0%BB%D0%B8%D0%BA%D0%BB%D0%B8%D0%BD%D0%B8%D0%BA%D0%B0", "/map")) {
            browser.get(url(path));
            settled();
            if (path.startsWith("/search")) {
                assertThat(browser.findElements(By.cssSelector("a.rate-link"))).as("«Оценить» in the results").isNotEmpty();
            }
            if (path.equals("/map")) {
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".leaflet-control-zoom a")));
            }
            @SuppressWarnings("unchecked")
            List<String> found = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                    const selectors = ['.main-nav a', '.main-nav .link', '.langs a', '.foot a', 'a.rate-link',
                        '.leaflet-control-zoom a'];
                    return selectors.flatMap(s => [...document.querySelectorAll(s)])
                        .filter(e => e.offsetParent !== null)
                        .map(e => [e, e.getBoundingClientRect()])
                        .filter(([e, r]) => r.height < 44 || (e.closest('.langs, .leaflet-control-zoom') && r.width < 44))
                        .map(([e, r]) => (e.textContent.trim() || e.className) + ' ' + Math.round(r.width) + '×' + Math.round(r.height));
                    """);
            found.forEach(control -> small.add(path + ": " + control));
        }
        assertThat(small).as("controls under 44 px at 360 px").isEmpty();
    }

    /** At 360 px with a country's worth of clusters: none overlaps another; zoomed in, the list shows what is there. */
    @Test
    void theMapAt360PixelsKeepsClustersApartAndListsWhatIsOnTheScreen() {
        TestData.clean(db, redis).block(Duration.ofSeconds(30));
        demo.load(region -> region.equals("MINSK") || region.equals("GOMEL")).block(Duration.ofSeconds(90));
        clearCaches();
        browser.manage().window().setSize(new Dimension(360, 800));
        browser.get(url("/map"));
        int draws = mapDrawn(0);
        settled();
        @SuppressWarnings("unchecked")
        List<Map<String, Number>> boxes = (List<Map<String, Number>>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('.cluster-icon')).map(e => { const r = e.getBoundingClientRect();"
                        + " return {x: r.x, y: r.y, w: r.width, h: r.height}; })");
        assertThat(boxes).hasSizeGreaterThan(1);
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                Map<String, Number> a = boxes.get(i);
                Map<String, Number> b = boxes.get(j);
                double dx = (a.get("x").doubleValue() + a.get("w").doubleValue() / 2) - (b.get("x").doubleValue() + b.get("w").doubleValue() / 2);
                double dy = (a.get("y").doubleValue() + a.get("h").doubleValue() / 2) - (b.get("y").doubleValue() + b.get("h").doubleValue() / 2);
                assertThat(Math.hypot(dx, dy)).as("bubbles %s and %s", a, b)
                        .isGreaterThanOrEqualTo((a.get("w").doubleValue() + b.get("w").doubleValue()) / 2 - 1);
            }
        }
        assertThat(browser.findElement(By.id("map-list-heading")).getText()).contains("Приблизьте");
        screenshot("-clusters");
        // Into Minsk: single organisations, and the list under the map names them.
        for (int i = 0; i < 8 && browser.findElements(By.cssSelector("#map-list li")).isEmpty()
                && !browser.findElements(By.cssSelector(".cluster-icon")).isEmpty(); i++) {
            biggestCluster().click();
            draws = mapDrawn(draws);
        }
        assertThat(browser.findElements(By.cssSelector("#map-list li"))).isNotEmpty();
        assertThat(browser.findElement(By.id("map-list-heading")).getText()).startsWith("На карте сейчас:");
        screenshot("-list");
    }

    /** An empty form: the error summary takes the focus; in Belarusian every wrapped question stays inside its card. */
    @Test
    void theRatingFormsErrorsAndLongQuestionsAt360Pixels() {
        browser.manage().window().setSize(new Dimension(360, 800));
        browser.get(url("/o/" + org + "/rate?lang=be"));
        settled();
        @SuppressWarnings("unchecked")
        List<Boolean> inside = (List<Boolean>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('fieldset.criterion')).map(f => {"
                        + " const l = f.querySelector('legend').getBoundingClientRect(); const b = f.getBoundingClientRect();"
                        + " return l.top >= b.top && l.bottom <= b.bottom && l.right <= b.right; })");
        assertThat(inside).isNotEmpty().containsOnly(true);
        WebElement send = browser.findElement(By.cssSelector("form.questionnaire button[type=submit]"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", send);
        send.click();
        wait.until(d -> !d.findElements(By.cssSelector("[data-error-summary]")).isEmpty());
        settled();
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                "return document.activeElement && document.activeElement.hasAttribute('data-error-summary')"))
                .as("the error summary has the focus").isTrue();
        screenshot("-errors");
        // Its first link moves to the first question.
        browser.findElement(By.cssSelector("[data-error-summary] a")).click();
        assertThat((String) ((JavascriptExecutor) browser).executeScript("return document.activeElement.id")).startsWith("s-");
    }

    @Test
    void theRatingFormAt360PixelsWide() {
        browser.manage().window().setSize(new Dimension(360, 800));
        browser.get(url("/o/" + org + "/rate"));
        long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth");
        long content = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
        assertThat(content).as("nothing wider than the screen").isLessThanOrEqualTo(viewport);
        WebElement five = browser.findElement(By.cssSelector("label[for='s-OVERALL-5']"));
        assertThat(five.getSize().getHeight()).as("a thumb-sized control").isGreaterThanOrEqualTo(44);
        assertThat(five.getSize().getWidth()).isGreaterThanOrEqualTo(44);
        // Keyboard: the radio buttons take focus and a key press chooses.
        WebElement radio = browser.findElement(By.id("s-OVERALL-3"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].focus()", radio);
        radio.sendKeys(" ");
        assertThat(radio.isSelected()).isTrue();
    }

    @Test
    void infographicsDrawTheirCharts() {
        WebClientCitizen.rate(this, org, 4);
        browser.get(url("/infographics"));
        wait.until(d -> !d.findElements(By.cssSelector("#chart-months canvas")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#chart-spheres canvas, #chart-regions canvas, #chart-distribution canvas")))
                .hasSize(3);
    }

    // --- helpers -------------------------------------------------------------------------------------------------------

    /**
     * Waits until the map has drawn its layer for the view it shows, more often than {@code before} times, and answers
     * how many times it has (the page marks each drawing: data-draws, data-state "drawn").
     */
    private int mapDrawn(int before) {
        wait.until(d -> {
            WebElement map = d.findElement(By.id("map"));
            String draws = map.getDomAttribute("data-draws");
            return "drawn".equals(map.getDomAttribute("data-state")) && draws != null && Integer.parseInt(draws) > before;
        });
        return Integer.parseInt(browser.findElement(By.id("map")).getDomAttribute("data-draws"));
    }

    /** The cluster with the most organisations in it. */
    private WebElement biggestCluster() {
        return browser.findElements(By.cssSelector(".cluster-icon")).stream().max(Comparator.comparingInt(
                c -> Integer.parseInt(c.getText().isBlank() ? "0" : c.getText()))).orElseThrow();
    }

    /** A second citizen rating through the JSON API, as another phone would. */
    static final class WebClientCitizen {
        static void rate(BrowserTest test, long org, int score) {
            var client = test.loggedInAs(Role.CITIZEN, null);
            client.post().uri("/api/v1/organizations/" + org + "/ratings").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("scores", Map.of("SIMPLICITY", score, "INFORMATION", score,
                            "TIMELINESS", score, "POLITENESS", score, "OVERALL", score)))
                    .exchange().expectStatus().isCreated();
        }
    }
}

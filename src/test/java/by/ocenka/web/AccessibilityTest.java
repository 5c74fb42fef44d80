package by.ocenka.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (WCAG 2.1 A and AA rules) over the main pages as a citizen, an organisation's admin, a moderator and the
 * portal's admin meet them, at 360 px and at 1366 px: any serious or critical finding fails the build, each named with
 * the page, the width, the rule and where it is.
 */
class AccessibilityTest extends BrowserTesting {

    private static final List<Integer> WIDTHS = List.of(360, 1366);
    private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @Test
    void theMainPagesHaveNoSeriousOrCriticalFindingsOnAPhoneOrADesktop() {
        for (int i = 0; i < 2; i++) {
            loggedInAs(Role.CITIZEN, null).post().uri("/api/v1/organizations/" + org + "/ratings")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("scores", Map.of("SIMPLICITY", 4, "INFORMATION", 5, "TIMELINESS", 3,
                            "POLITENESS", 5, "OVERALL", 4), "comment", "Вежливо, но долго ждали"))
                    .exchange().expectStatus().isCreated();
        }
        long body = db.sql("SELECT parent_id FROM organization WHERE id = :id").bind("id", org)
                .map(row -> row.get("parent_id", Long.class)).one().block();
        List<String> findings = new ArrayList<>();

        scan(findings, "/", "/search?q=поликлиника", "/search?q=нетакойорганизации", "/rating", "/o/" + org,
                "/o/" + org + "/rate", "/map", "/infographics", "/help", "/help/organizations", "/about", "/login",
                "/register", "/feedback", "/organizations/new", "/open-data");

        signIn(staff(Role.ORG_ADMIN, body));
        scan(findings, "/cabinet", "/cabinet/" + body, "/cabinet/" + body + "/profile", "/cabinet/" + body + "/settings",
                "/account", "/account/ratings");
        signOut();

        signIn(staff(Role.MODERATOR, null));
        scan(findings, "/moderation", "/moderation?tab=complaints", "/moderation?tab=feedback", "/moderation?tab=polls",
                "/moderation/requests", "/moderation/imports");
        signOut();

        signIn(staff(Role.ADMIN, null));
        scan(findings, "/admin/accounts", "/admin/moderators");

        assertThat(findings).as("serious or critical axe-core findings (page @ width: rule: where)").isEmpty();
    }

    /**
     * At 360 px no word is broken across lines except where it may be (a soft hyphen the page put there, shown as a
     * hyphen), and the spheres' tiles are one column.
     */
    @Test
    void atThreeHundredSixtyPixelsNoWordIsBrokenMidWordAndTheTilesAreOneColumn() {
        browser.manage().window().setSize(new Dimension(360, 800));
        List<String> broken = new ArrayList<>();
        for (String path : List.of("/", "/open-data", "/rating", "/o/" + org, "/help")) {
            browser.get(url(path));
            settled();
            @SuppressWarnings("unchecked")
            List<String> words = (List<String>) ((JavascriptExecutor) browser).executeScript(BROKEN_WORDS);
            words.forEach(word -> broken.add(path + ": " + word));
        }
        assertThat(broken).as("words broken across lines mid-word at 360 px").isEmpty();
        browser.get(url("/"));
        settled();
        String columns = browser.findElement(By.cssSelector(".spheres")).getCssValue("grid-template-columns");
        assertThat(columns.trim().split("\\s+")).as("the spheres' tiles at 360 px: %s", columns).hasSize(1);
    }

    /** Words of letters whose text spans two lines, unless the break is at a soft hyphen. */
    private static final String BROKEN_WORDS = """
            const broken = [];
            const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              if (!node.parentElement || node.parentElement.closest('script, style, svg, canvas')) continue;
              const text = node.textContent;
              for (const m of text.matchAll(/[\\p{L}\\u00ad]{2,}/gu)) {
                if (m[0].includes('\\u00ad')) continue;
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (tops.size > 1) broken.push(m[0]);
              }
            }
            return broken;""";

    private void scan(List<String> findings, String... paths) {
        for (int width : WIDTHS) {
            browser.manage().window().setSize(new Dimension(width, 900));
            for (String path : paths) {
                browser.get(url(path));
                settled();
                Results results = new AxeBuilder().withTags(TAGS).analyze(browser);
                for (Rule rule : results.getViolations()) {
                    if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                        rule.getNodes().forEach(node -> findings.add(path + " @ " + width + ": " + rule.getId() + " ("
                                + rule.getImpact() + "): " + node.getTarget() + " — " + node.getFailureSummary()));
                    }
                }
            }
        }
    }

    private String staff(Role role, Long organization) {
        String email = role.name().toLowerCase() + "-axe-" + System.nanoTime() + "@example.by";
        accounts.create(email, "correct horse battery", "Проверка " + role, true, role, organization)
                .block(Duration.ofSeconds(30));
        return email;
    }

    private void signIn(String email) {
        browser.manage().window().setSize(new Dimension(1366, 900));
        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("correct horse battery");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private void signOut() {
        browser.manage().deleteAllCookies();
    }
}

package by.ocenka.rating.pages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first-time citizen's way from the QR code to a counted rating, as pages without JavaScript: the form with an
 * address, the code page, the code from the mail, the thanks page. Answers that cannot be sent come back with an
 * error summary and every problem next to its field, and no mail goes out.
 */
class QuickRatingTest extends IntegrationTest {

    long organization;
    List<String> criteria;

    @BeforeEach
    void catalogue() {
        organization = minskOrganization();
        criteria = web.get().uri("/api/v1/organizations/" + organization).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody() instanceof Map<?, ?> detail
                ? ((List<?>) detail.get("criteria")).stream().map(c -> (String) ((Map<?, ?>) c).get("code")).toList()
                : List.of();
        assertThat(criteria).isNotEmpty();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    @Test
    void fromTheFormToTheThanksPageWithACodeFromTheMail() {
        String rate = "/o/" + organization + "/rate";
        PageSession phone = new PageSession(web);
        assertThat(phone.get(rate).body()).contains("name=\"email\"", "autocomplete=\"email\"");

        Map<String, String> answers = new HashMap<>();
        criteria.forEach(code -> answers.put("score." + code, "4"));
        answers.put("comment", "Быстро и вежливо");
        answers.put("email", "first.time@example.by");
        PageSession.Page sent = phone.post(rate, answers);
        assertThat(sent.status().value()).isEqualTo(303);
        assertThat(sent.location()).isEqualTo("/login/code?next=" + rate);

        PageSession.Page codePage = phone.get(sent.location());
        assertThat(codePage.body()).contains("first.time@example.by", "autocomplete=\"one-time-code\"");
        String code = tokenFromMail("first.time@example.by", "Ocenka: ");

        PageSession.Page sentWithCode = phone.post("/login/code", Map.of("email", "first.time@example.by", "code", code, "next", rate));
        // The thanks is a page of its own: a reload (phones restore tabs) shows it again, signed in, and sends nothing.
        assertThat(sentWithCode.status().value()).isEqualTo(303);
        assertThat(sentWithCode.location()).matches("/o/\\d+/rated/\\d+");
        PageSession.Page thanks = phone.get(sentWithCode.location());
        assertThat(thanks.status().value()).isEqualTo(200);
        assertThat(thanks.body()).contains("Спасибо! Оценка принята.").contains("action=\"/logout\"");
        assertThat(phone.get(sentWithCode.location()).body()).contains("Спасибо! Оценка принята.");
        assertThat(new PageSession(web).get(sentWithCode.location()).location()).as("a visitor is asked to sign in")
                .isEqualTo("/login?next=" + sentWithCode.location());
        assertThat(count("""
                SELECT count(*) FROM questionnaire q JOIN app_user u ON u.id = q.user_id
                WHERE u.email = 'first.time@example.by' AND q.comment = 'Быстро и вежливо'""")).isEqualTo(1);
        // Signed in now: the form says the citizen has rated today.
        assertThat(phone.get(rate).body()).doesNotContain("name=\"email\"");
    }

    /**
     * The form filled in one browser, the mailed link opened in another (a mail app's own browser): the answers kept
     * with the code are sent from there, once, as the code page promised.
     */
    @Test
    void theMailedLinkSendsTheAnswersFromAnotherBrowser() {
        String rate = "/o/" + organization + "/rate";
        PageSession phone = new PageSession(web);
        phone.get(rate);
        Map<String, String> answers = new HashMap<>();
        criteria.forEach(code -> answers.put("score." + code, "4"));
        answers.put("comment", "Ответили по телефону сразу");
        answers.put("email", "other.browser@example.by");
        assertThat(phone.post(rate, answers).status().value()).isEqualTo(303);
        String link = tokenFromMail("other.browser@example.by", "ссылку:\n");
        String path = link.substring(link.indexOf("/login/code"));
        String token = path.substring(path.indexOf("token=") + "token=".length()).split("&")[0];

        PageSession mailApp = new PageSession(web);
        assertThat(mailApp.get(path).body()).contains("Ваши ответы сохранены");
        PageSession.Page signedIn = mailApp.post("/login/code", Map.of("email", "other.browser@example.by", "token", token,
                "next", rate));
        assertThat(signedIn.status().value()).isEqualTo(303);
        assertThat(mailApp.get(signedIn.location()).body()).contains("Спасибо! Оценка принята.");
        assertThat(count("""
                SELECT count(*) FROM questionnaire q JOIN app_user u ON u.id = q.user_id
                WHERE u.email = 'other.browser@example.by' AND q.comment = 'Ответили по телефону сразу'""")).isEqualTo(1);
        // The first browser's copy went with it: nothing is sent twice.
        assertThat(count("SELECT count(*) FROM questionnaire")).isEqualTo(1);
    }

    @Test
    void answersThatCannotBeSentComeBackWithASummaryAndNoMail() {
        String rate = "/o/" + organization + "/rate";
        PageSession phone = new PageSession(web);
        phone.get(rate);
        PageSession.Page refused = phone.post(rate, Map.of("email", "not an address", "comment", "Очередь"));
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.body()).contains("data-error-summary", "href=\"#email\"", "Очередь", "aria-invalid=\"true\"");
        // Every criterion is named in the summary and marked next to itself.
        criteria.forEach(code -> assertThat(refused.body()).contains("href=\"#s-" + code + "-1\"", "id=\"err-" + code + "\""));
        assertThat(count("SELECT count(*) FROM mail_outbox")).isZero();
        assertThat(count("SELECT count(*) FROM email_code")).isZero();

        // A wrong code on the code page: the reason next to the field, nothing sent.
        Map<String, String> answers = new HashMap<>();
        criteria.forEach(code -> answers.put("score." + code, "5"));
        answers.put("email", "wrong.code@example.by");
        phone.post(rate, answers);
        String code = tokenFromMail("wrong.code@example.by", "Ocenka: ");
        PageSession.Page wrong = phone.post("/login/code", Map.of("email", "wrong.code@example.by",
                "code", code.equals("111111") ? "222222" : "111111", "next", rate));
        assertThat(wrong.status().value()).isEqualTo(400);
        assertThat(wrong.body()).contains("id=\"err-code\"", "data-error-summary");
        assertThat(count("SELECT count(*) FROM questionnaire")).isZero();
    }

    /**
     * A citizen who registered with a password opens the confirmation link in the same browser: one button, signed in,
     * on to the form, and the password still works. Whoever confirms an address by a code instead takes the account
     * over (EmailCodeTest): the password was set by whoever registered it, maybe not the owner.
     */
    @Test
    void aCitizenWhoRegisteredWithAPasswordConfirmsByTheLinkAndKeepsThePassword() {
        String rate = "/o/" + organization + "/rate";
        PageSession phone = new PageSession(web);
        phone.get("/register?next=" + rate);
        // A first try with a weak password, then the right one: the browser stays the one that registered.
        assertThat(phone.post("/register", Map.of("displayName", "Алеся", "email", "alesia@example.by",
                "password", "qwerty", "next", rate)).status().value()).isEqualTo(400);
        assertThat(phone.post("/register", Map.of("displayName", "Алеся", "email", "alesia@example.by",
                "password", "Nesvizh-castle-1583", "next", rate)).status().value()).isEqualTo(200);

        String token = tokenFromMail("alesia@example.by", "/confirm?token=").split("&")[0];
        PageSession.Page page = phone.get("/confirm?token=" + token + "&next=" + rate);
        assertThat(page.body()).contains("Подтвердить и войти").doesNotContain("name=\"password\"");
        PageSession.Page confirmed = phone.get(phone.post("/confirm", Map.of("token", token, "next", rate)).location());
        assertThat(confirmed.body()).contains("Адрес подтверждён").contains("href=\"" + rate + "\"");
        Map<String, String> answers = new HashMap<>();
        criteria.forEach(code -> answers.put("score." + code, "5"));
        phone.get(rate);
        assertThat(phone.get(phone.post(rate, answers).location()).body()).contains("Спасибо! Оценка принята.");
        loggedIn("alesia@example.by", "Nesvizh-castle-1583");
    }

    /**
     * Somebody registered an address that is not theirs, with a password of theirs. Its owner opens the link in another
     * browser and confirms without the password: it stops working, nobody is signed in by the link, and the owner signs
     * in by a mailed code.
     */
    @Test
    void anAddressRegisteredByAStrangerIsConfirmedByItsOwnerWithoutTheStrangersPassword() {
        PageSession stranger = new PageSession(web);
        stranger.get("/register");
        assertThat(stranger.post("/register", Map.of("displayName", "Чужой", "email", "owner.of.it@example.by",
                "password", "Strangers-choice-2026")).status().value()).isEqualTo(200);

        String token = tokenFromMail("owner.of.it@example.by", "/confirm?token=").split("&")[0];
        PageSession owner = new PageSession(web);
        owner.get("/confirm?token=" + token);
        PageSession.Page done = owner.post("/confirm", Map.of("token", token, "withoutPassword", "true"));
        assertThat(done.status().value()).isEqualTo(200);
        assertThat(done.body()).contains("owner.of.it@example.by подтверждён").contains("больше не действует")
                .contains("/login/code?email=owner.of.it@example.by");
        assertThat(owner.cookie("SESSION")).isNull();
        withCsrf().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "owner.of.it@example.by", "password", "Strangers-choice-2026"))
                .exchange().expectStatus().isUnauthorized();
        // Used: the link confirms once.
        assertThat(owner.get("/confirm?token=" + token).status().value()).isEqualTo(400);
    }

    @Test
    void registrationErrorsComeWithASummaryInTheFormsOrderAndTheServersLimits() {
        PageSession phone = new PageSession(web);
        assertThat(phone.get("/register").body()).contains("id=\"displayName\"").contains("maxlength=\"80\"");
        PageSession.Page empty = phone.post("/register", Map.of("displayName", "", "email", "", "password", ""));
        assertThat(empty.status().value()).isEqualTo(400);
        String body = empty.body();
        assertThat(body).contains("data-error-summary").contains("Имя: обязательное поле");
        assertThat(body.indexOf("href=\"#displayName\"")).isLessThan(body.indexOf("href=\"#email\""));
        assertThat(body.indexOf("href=\"#email\"")).isLessThan(body.indexOf("href=\"#password\""));
        // Each message is tied to its field for screen readers.
        assertThat(body).containsPattern("id=\"displayName\"[^>]*aria-describedby=\"[^\"]*err-displayName");
        assertThat(count("SELECT count(*) FROM app_user")).isZero();
    }
}

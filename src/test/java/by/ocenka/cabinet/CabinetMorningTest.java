package by.ocenka.cabinet;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.PageSession;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cabinet as an official uses it every morning, through its pages: the criteria with the weakest first, each
 * questionnaire's scores, the region's and sphere's averages to compare with, a unit filter; a reply confirmed, the
 * filters kept, the reply correctable for a quarter of an hour and not after; a rating without a comment asks for no
 * reply; staff land in their cabinet on signing in; the audit says what happened in words.
 */
class CabinetMorningTest extends CabinetTesting {

    @Test
    void anOfficialReadsTheFiguresFiltersRepliesCorrectsAndReadsTheAudit() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        List<WebTestClient> citizens = citizens(3);
        long commented = rate(citizens.get(0), unit, LOW, "Долго ждали в очереди");
        long silent = rate(citizens.get(1), unit, LOW, null);
        rate(citizens.get(2), body, RatingTestSupport.FIVES, "Всё хорошо в самом управлении");
        Map<String, String> names = db.sql("SELECT code, name_ru FROM criterion WHERE organization_id IS NULL")
                .map(r -> Map.entry(r.get("code", String.class), r.get("name_ru", String.class))).all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue).block();

        String email = "official" + System.nanoTime() + "@org.test";
        accounts.create(email, "official password 1", "Дежурный специалист", true, Role.ORG_ADMIN, body).block(Duration.ofSeconds(30));
        PageSession admin = new PageSession(web);
        admin.get("/login");
        PageSession.Page signedIn = admin.post("/login", Map.of("email", email, "password", "official password 1"));
        assertThat(signedIn.location()).as("staff land in their cabinet").isEqualTo("/cabinet");

        String page = admin.get("/cabinet/" + body).body();
        // The weakest criterion first (TIMELINESS: (1 + 1 + 5) / 3), with its name; the averages to compare with.
        String criteria = page.substring(page.indexOf("criteria-means"), page.indexOf("</ol>", page.indexOf("criteria-means")));
        assertThat(criteria.indexOf(names.get("TIMELINESS"))).isLessThan(criteria.indexOf(names.get("OVERALL")));
        assertThat(criteria).contains("2,33");
        assertThat(page).contains("Средняя оценка по области").contains("По стране:");
        // Each questionnaire's scores, named.
        assertThat(page).contains(names.get("TIMELINESS") + ": 1");
        // The unit filter narrows the feed to one unit.
        assertThat(page).contains("name=\"unit\"");
        String unitOnly = admin.get("/cabinet/" + body + "?unit=" + unit).body();
        assertThat(unitOnly).contains("Долго ждали в очереди").doesNotContain("Всё хорошо в самом управлении");
        // A rating without a comment sets no clock and shows no reply box, only a folded one.
        assertThat(feed(staff(Role.ORG_ADMIN, body), body, "").items().stream().filter(q -> q.id() == silent)
                .findFirst().orElseThrow().replyDueAt()).isNull();
        assertThat(page).contains("Ответить (без комментария ответ не обязателен)");

        // A reply goes back to the same filtered feed, confirmed, with a form to correct it.
        PageSession.Page replied = admin.post("/cabinet/" + body + "/questionnaires/" + commented + "/reply",
                Map.of("text", "Спасибо, открыли второе окно", "back", "unit=" + unit + "&replied=false"));
        assertThat(replied.location()).isEqualTo("/cabinet/" + body + "?unit=" + unit + "&replied=false&answered=" + commented
                + "#q" + commented);
        // The filter said "unanswered": the questionnaire left the list, so the notice links to it.
        String back = admin.get(replied.location()).body();
        assertThat(back).contains("Ответ опубликован").contains("value=\"" + unit + "\" selected");
        assertThat(admin.get("/cabinet/" + body + "?answered=" + commented + "&replied=true").body()).contains("Исправить ответ");
        PageSession.Page corrected = admin.post("/cabinet/" + body + "/questionnaires/" + commented + "/reply/correct",
                Map.of("text", "Спасибо, с понедельника открыто второе окно", "back", "unit=" + unit));
        assertThat(admin.get(corrected.location()).body()).contains("Исправление сохранено")
                .contains("Спасибо, с понедельника открыто второе окно");
        eventually(() -> web.get().uri("/api/v1/organizations/" + unit + "/reviews").exchange().expectBody()
                .jsonPath("$.items[?(@.id == " + commented + ")].reply.text")
                .isEqualTo(List.of("Спасибо, с понедельника открыто второе окно")));
        // A quarter of an hour later it stands as it is.
        db.sql("UPDATE questionnaire_reply SET created_at = created_at - interval '16 minutes' WHERE questionnaire_id = :q")
                .bind("q", commented).then().block();
        WebTestClient api = loggedIn(email, "official password 1");
        api.put().uri("/api/v1/cabinet/questionnaires/" + commented + "/reply").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Поздно")).exchange().expectStatus().isEqualTo(409);

        // The audit in words: what happened and to what, not "questionnaire:123".
        String settings = admin.get("/cabinet/" + body + "/settings").body();
        assertThat(settings).contains("ответ на анкету").contains("исправлен ответ на анкету")
                .contains("анкета № " + commented).doesNotContain("questionnaire:" + commented);
    }
}

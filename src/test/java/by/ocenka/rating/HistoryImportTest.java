package by.ocenka.rating;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.platform.Minsk;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The old portal's history, imported by the admin over the API and from the page: valid rows in, faulty ones listed by
 * line in the reader's language, counted at once (the organisation's figures, the ranking, the daily sums, the monthly
 * figures), anonymous in the public reviews and the cabinet (no author, no reply asked, none mailed), and a second
 * upload skips everything. Nobody but the admin may import.
 */
class HistoryImportTest extends IntegrationTest {

    static final String HEADER = "external_id,organization_id,unp,date,SIMPLICITY,INFORMATION,TIMELINESS,POLITENESS,OVERALL,service,comment";

    @Autowired
    CatalogDemoData demo;

    /** An organisation with a UNP, and the UNP of another that is not above it. */
    record Organisations(long id, String unp, String otherUnp) {
    }

    Organisations organisations() {
        demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        Map<String, Object> org = db.sql("SELECT id, unp FROM organization WHERE status = 'ACTIVE' AND unp IS NOT NULL ORDER BY id LIMIT 1")
                .map(r -> Map.<String, Object>of("id", r.get("id", Long.class), "unp", r.get("unp", String.class))).one().block();
        long id = (Long) org.get("id");
        String other = db.sql("""
                        SELECT unp FROM organization WHERE status = 'ACTIVE' AND unp IS NOT NULL
                          AND id NOT IN (SELECT ancestor_id FROM org_closure WHERE descendant_id = :id) ORDER BY id LIMIT 1""")
                .bind("id", id).map(r -> r.get("unp", String.class)).one().block();
        return new Organisations(id, (String) org.get("unp"), other);
    }

    @Test
    void validRowsCountAtOnceFaultyOnesAreListedByLineAndASecondUploadSkipsAll() {
        Organisations o = organisations();
        LocalDate today = LocalDate.now(Minsk.ZONE);
        LocalDate recent = today.minusDays(40);
        String csv = String.join("\n", HEADER,
                "h-1," + o.id() + ",,2019-03-14,5,5,4,5,5,Выдача справки,\"Быстро, вежливо\"",
                "h-2,," + o.unp() + "," + recent + ",3,4,2,4,3,,",
                "h-3,999999999,,2019-03-14,5,5,5,5,5,,",
                "h-4," + o.id() + ",,2019-13-01,5,5,7,5,5,,",
                "h-5," + o.id() + ",," + today.plusDays(1) + ",5,5,5,5,5,,",
                "h-6," + o.id() + ",,2019-03-15,5,5,5,5,,,",
                "h-1," + o.id() + ",,2019-03-16,4,4,4,4,4,,",
                "h-7," + o.id() + "," + o.unp() + "," + recent + ",4,4,4,4,4,,\"две\nстроки\"",
                "h-8," + o.id() + ",,2019-03-14,5,5",
                "h-9," + o.id() + "," + o.otherUnp() + ",2019-03-14,5,5,5,5,5,,") + "\n";
        WebTestClient admin = loggedInAs(Role.ADMIN, null);

        Map<String, Object> first = upload(admin, csv, "ru");
        assertThat(first).containsEntry("imported", 3).containsEntry("skipped", 0).containsEntry("failed", 7);
        assertThat(errors(first)).containsExactly(
                "4: нет действующей организации с номером 999999999",
                "5: дата «2019-13-01» не в формате 2019-03-14 или 14.03.2019",
                "5: TIMELINESS: оценка «7» — нужна от 1 до 5",
                "6: дата " + today.plusDays(1) + " ещё не наступила",
                "7: OVERALL: оценка обязательна",
                "8: этот external_id уже был в строке 2",
                "11: полей в строке: 6, а столбцов в заголовке: 11",
                "12: УНП " + o.otherUnp() + " не принадлежит организации " + o.id() + " и вышестоящим");

        // Counted at once: the organisation's figures, the ranking, the daily sums, the months.
        web.get().uri("/api/v1/organizations/{id}", o.id()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.ratingsCount").isEqualTo(3).jsonPath("$.score").isEqualTo(4.0);
        web.get().uri("/api/v1/rankings?scope=country").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[?(@.organization.id == " + o.id() + ")].ratingsCount").isEqualTo(3);
        assertThat(db.sql("SELECT day, questionnaires FROM org_day WHERE organization_id = :id ORDER BY day")
                .bind("id", o.id()).map(r -> r.get("day", LocalDate.class) + "=" + r.get("questionnaires", Integer.class))
                .all().collectList().block()).containsExactly("2019-03-14=1", recent + "=2");
        web.get().uri("/api/v1/stats").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.questionnaires").isEqualTo(3).jsonPath("$.citizens").isEqualTo(0)
                .jsonPath("$.byMonth[?(@.month == '2019-03')].questionnaires").isEqualTo(1)
                .jsonPath("$.byMonth[?(@.month == '" + recent.toString().substring(0, 7) + "')].questionnaires").isEqualTo(2);
        // The old months have partitions of their own: nothing in DEFAULT.
        assertThat(db.sql("SELECT to_regclass('questionnaire_y2019m03') IS NOT NULL AS made, "
                        + "(SELECT count(*) FROM questionnaire_default) AS stray")
                .map(r -> r.get("made", Boolean.class) + "/" + r.get("stray", Long.class)).one().block()).isEqualTo("true/0");

        // Anonymous in the public reviews, the multi-line comment whole.
        web.get().uri("/api/v1/organizations/{id}/reviews", o.id()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(3)
                .jsonPath("$.items[*].author").value(authors -> assertThat((List<Object>) authors).containsOnlyNulls())
                .jsonPath("$.items[*].imported").value(imported -> assertThat((List<Object>) imported).containsOnly(true))
                .jsonPath("$.items[*].comment").value(comments -> assertThat((List<Object>) comments).contains("две\nстроки"));

        // Again, in English: nothing imported, the valid rows skipped, the same faults.
        Map<String, Object> again = upload(admin, csv, "en");
        assertThat(again).containsEntry("imported", 0).containsEntry("skipped", 3).containsEntry("failed", 7);
        assertThat(errors(again)).startsWith("4: no active organisation numbered 999999999");
        assertThat(db.sql("SELECT count(*) AS n FROM questionnaire").map(r -> r.get("n", Long.class)).one().block()).isEqualTo(3);

        // A citizen rates the same organisation today beside its history.
        citizen().post().uri("/api/v1/organizations/{id}/ratings", o.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.organization.ratingsCount").isEqualTo(4);
    }

    @Test
    void theCabinetShowsTheHistoryWithoutAnAuthorAfterTheLiveQuestionnairesAndAReplyMailsNobody() {
        Organisations o = organisations();
        WebTestClient admin = loggedInAs(Role.ADMIN, null);
        citizen().post().uri("/api/v1/organizations/{id}/ratings", o.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isCreated();
        upload(admin, HEADER + "\nc-1," + o.id() + ",,2019-01-01,4,4,4,4,4,,\nc-2," + o.id()
                + ",,2020-06-01,2,2,1,2,2,,Очень долго\n", "ru");

        // Newest first, by id: this portal's questionnaires, then the history (negative ids), its latest day first.
        Map<?, ?> page = admin.get().uri("/api/v1/cabinet/organizations/{id}/questionnaires", o.id()).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertThat(items).hasSize(3);
        assertThat(items).extracting(i -> i.get("imported")).containsExactly(false, true, true);
        assertThat(items.subList(1, 3)).extracting(i -> i.get("createdAt").toString().substring(0, 10))
                .containsExactly("2020-06-01", "2019-01-01");
        Map<String, Object> q = items.get(1);
        assertThat(((Number) q.get("id")).longValue()).isNegative();
        assertThat(q.get("author")).isNull();
        assertThat(q.get("replyDueAt")).as("the history asks for no reply").isNull();
        assertThat(items.get(0).get("author")).isNotNull();

        admin.post().uri("/api/v1/cabinet/questionnaires/{id}/reply", q.get("id")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Спасибо, очередь с тех пор сократили")).exchange().expectStatus().isCreated();
        assertThat(db.sql("SELECT count(*) AS n FROM mail_outbox WHERE body LIKE '%очередь с тех пор%'")
                .map(r -> r.get("n", Long.class)).one().block()).as("nobody to mail").isZero();
        web.get().uri("/api/v1/organizations/{id}/reviews", o.id()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[1].reply.text").isEqualTo("Спасибо, очередь с тех пор сократили");
        web.get().uri("/o/{id}", o.id()).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("из истории прежнего портала"));
        citizen().get().uri("/api/v1/me/ratings").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void aHeaderThatWillNotDoImportsNothingAndOnlyTheAdminMayImport() {
        Organisations o = organisations();
        String csv = "external_id,organization_id,SIMPLICITY,INFORMATION,TIMELINESS,POLITENESS,OVERALL,stars\n"
                + "x-1," + o.id() + ",5,5,5,5,5,5\n";
        loggedInAs(Role.ADMIN, null).post().uri("/api/v1/admin/imports/questionnaires")
                .contentType(MediaType.valueOf("text/csv")).bodyValue(csv).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("header")
                .jsonPath("$.errors[*].message").value(messages -> assertThat((List<Object>) messages)
                        .contains("неизвестный столбец «stars»", "в заголовке нет столбца date"));
        loggedInAs(Role.ADMIN, null).post().uri("/api/v1/admin/imports/questionnaires")
                .contentType(MediaType.valueOf("text/csv")).bodyValue("").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("file");
        String good = HEADER + "\nx-2," + o.id() + ",,2020-01-01,5,5,5,5,5,,\n";
        citizen().post().uri("/api/v1/admin/imports/questionnaires").contentType(MediaType.valueOf("text/csv"))
                .bodyValue(good).exchange().expectStatus().isForbidden();
        loggedInAs(Role.MODERATOR, null).post().uri("/api/v1/admin/imports/questionnaires")
                .contentType(MediaType.valueOf("text/csv")).bodyValue(good).exchange().expectStatus().isForbidden();
        withCsrf().post().uri("/api/v1/admin/imports/questionnaires").contentType(MediaType.valueOf("text/csv"))
                .bodyValue(good).exchange().expectStatus().isUnauthorized();
        assertThat(db.sql("SELECT count(*) AS n FROM questionnaire").map(r -> r.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void junkIsRefusedLineByLineOrWholeNeverWithAServerError() {
        Organisations o = organisations();
        WebTestClient admin = loggedInAs(Role.ADMIN, null);
        byte[] header = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        byte[][] rows = {
                ("j-1," + o.id() + ",,2020-01-01,5,5,5,5,5,,nul\0inside\n").getBytes(StandardCharsets.UTF_8),
                ("j-2," + o.id() + ",,2020-01-01,5,5,5,5,5,," + "x".repeat(70_000) + "\n").getBytes(StandardCharsets.UTF_8),
                ("j-3,99999999999999999999,,2019-02-29,5,5,5,5,5,,\n").getBytes(StandardCharsets.UTF_8),
                ("j-4," + o.id() + ",,2020-01-01,\\N,5,5,5,5,\\N,\"\t\\\"\n").getBytes(StandardCharsets.UTF_8),
                ("j-5," + o.id() + ",,2020-01-01,5,5,5,5,5,,\"never closed\n").getBytes(StandardCharsets.UTF_8)};
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(header);
        for (byte[] row : rows) {
            file.writeBytes(row);
        }
        Map<String, Object> answer = admin.post().uri("/api/v1/admin/imports/questionnaires")
                .contentType(MediaType.valueOf("text/csv")).bodyValue(file.toByteArray()).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        assertThat(answer).containsEntry("imported", 0).containsEntry("failed", 5);
        assertThat(errors(answer)).hasSize(6).contains(
                "2: строка не в кодировке UTF-8: сохраните файл как «CSV UTF-8»", "3: строка длиннее 64 КБ",
                "4: нет действующей организации с номером 99999999999999999999",
                "4: дата «2019-02-29» не в формате 2019-03-14 или 14.03.2019",
                "5: SIMPLICITY: оценка «\\N» — нужна от 1 до 5",
                "6: кавычка открыта и не закрыта до конца файла");
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        admin.post().uri("/api/v1/admin/imports/questionnaires").contentType(MediaType.valueOf("text/csv"))
                .bodyValue(binary).exchange().expectStatus().isBadRequest();
        assertThat(db.sql("SELECT count(*) AS n FROM questionnaire").map(r -> r.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void theAdminsPageTakesASpreadsheetsFileAndSaysWhatItDid() {
        Organisations o = organisations();
        PageSession admin = pageAs(Role.ADMIN, null);
        PageSession.Page page = admin.get("/admin/imports/questionnaires");
        assertThat(page.status().value()).isEqualTo(200);
        assertThat(page.body()).contains("enctype=\"multipart/form-data\"")
                .contains("href=\"/admin/imports/questionnaires/template.csv\"")
                .contains("href=\"/admin/imports/questionnaires\"");
        assertThat(admin.get("/admin/imports/questionnaires/template.csv").body()).contains(HEADER);

        // As a spreadsheet in a Russian locale saves it: a byte order mark, semicolons, dotted dates, CRLF.
        String csv = "\uFEFF" + HEADER.replace(',', ';') + "\r\n"
                + "p-1;" + o.id() + ";;14.03.2019;5;4;5;4;5;;\"Хорошо; быстро\"\r\n"
                + "p-2;" + o.id() + ";;31.02.2019;5;4;5;4;5;;\r\n";
        EntityExchangeResult<String> done = upload(admin, csv);
        assertThat(done.getStatus().value()).isEqualTo(200);
        assertThat(done.getResponseBody()).contains("Импортировано анкет").contains("<td>3</td>")
                .contains("дата «31.02.2019» не в формате 2019-03-14 или 14.03.2019");
        assertThat(db.sql("SELECT comment FROM questionnaire").map(r -> r.get("comment", String.class)).all()
                .collectList().block()).containsExactly("Хорошо; быстро");

        EntityExchangeResult<String> empty = upload(admin, "");
        assertThat(empty.getStatus().value()).isEqualTo(400);
        assertThat(empty.getResponseBody()).contains("Файл не импортирован");

        PageSession citizen = pageAs(Role.CITIZEN, null);
        assertThat(citizen.get("/admin/imports/questionnaires").status().value()).isEqualTo(403);
        assertThat(upload(citizen, csv).getStatus().value()).isEqualTo(403);
        assertThat(citizen.get("/").body()).doesNotContain("/admin/imports/questionnaires");
    }

    private static Map<String, Object> upload(WebTestClient admin, String csv, String language) {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = admin.post().uri("/api/v1/admin/imports/questionnaires")
                .contentType(MediaType.valueOf("text/csv")).header("Accept-Language", language)
                .bodyValue(csv.getBytes(StandardCharsets.UTF_8))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return answer;
    }

    private static List<String> errors(Map<String, Object> answer) {
        return ((List<?>) answer.get("errors")).stream().map(e -> (Map<?, ?>) e)
                .map(e -> e.get("line") + ": " + e.get("message")).toList();
    }

    /** The file posted as a browser posts the page's form: multipart with a length, the CSRF field among the parts. */
    private EntityExchangeResult<String> upload(PageSession session, String csv) {
        String boundary = "----ocenka" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + session.cookie("XSRF-TOKEN") + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + (csv.isEmpty() ? "" : "history.csv") + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n"
                + "--" + boundary + "--\r\n";
        return web.post().uri("/admin/imports/questionnaires").accept(MediaType.TEXT_HTML)
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                .cookie("SESSION", session.cookie("SESSION")).cookie("XSRF-TOKEN", session.cookie("XSRF-TOKEN"))
                .bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange().expectBody(String.class).returnResult();
    }
}

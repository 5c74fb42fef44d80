package by.ocenka.cabinet;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.SecondInstance;
import by.ocenka.support.Subtrees;
import by.ocenka.support.TestClients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organisation's cabinet as its staff use it: the subtree's feed (also live, from another instance, resumable),
 * the scope (403 outside it), official replies (public, mailed, once), overdue flags, analytics against a
 * recomputation from the questionnaires, and the audit trail.
 */
class CabinetTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;
    @Autowired
    Environment environment;
    @Autowired
    WebServerApplicationContext context;
    @Autowired
    by.ocenka.platform.PublicUrls urls;
    @Autowired
    by.ocenka.cabinet.Alerts alerts;
    @Autowired
    ReactiveStringRedisTemplate strings;

    record Staff(WebTestClient client, String session) {
    }

    private Subtrees tree() {
        return Subtrees.load(demo, db);
    }

    @Test
    void aBodySeesItsSubtreeLiveRepliesAndReadsItsFigures() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        long outside = tree.outside();
        RatingTestSupport.citizens(db, 1, 3);
        Staff admin = staff(Role.ORG_ADMIN, body);
        Staff responder = staff(Role.ORG_RESPONDER, unit);

        admin.client().get().uri("/api/v1/cabinet/organizations").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[0].id").isEqualTo(body).jsonPath("$[0].role").isEqualTo("ORG_ADMIN")
                .jsonPath("$[0].subtreeSize").value(size -> assertThat(((Number) size).intValue()).isGreaterThanOrEqualTo(2));

        // A stream opens with an id, so that one which ends before its first questionnaire still resumes from there.
        String opening = events(admin.session(), body, null).blockFirst(Duration.ofSeconds(10)).id();
        assertThat(opening).isNotBlank();

        // Live: the body's admin listens on this instance; a citizen rates the unit through another instance.
        try (SecondInstance second = new SecondInstance(environment)) {
            List<WebTestClient> citizens = RatingTestSupport.sessions(second.web, 1, 2);
            long[] sentAt = new long[1];
            StepVerifier.create(events(admin.session(), body, null).take(2))
                    .assertNext(event -> assertThat(event.comment()).isEqualTo("live"))
                    .then(() -> {
                        sentAt[0] = System.nanoTime();
                        citizens.get(0).post().uri("/api/v1/organizations/" + unit + "/ratings")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("scores", Map.of("SIMPLICITY", 2, "INFORMATION", 2, "TIMELINESS", 1,
                                        "POLITENESS", 2, "OVERALL", 2), "comment", "Долго ждали в очереди"))
                                .exchange().expectStatus().isCreated();
                    })
                    .assertNext(event -> {
                        System.out.printf("The cabinet's live feed showed the questionnaire %d ms after it was accepted%n",
                                Duration.ofNanos(System.nanoTime() - sentAt[0]).toMillis());
                        assertThat(event.event()).isEqualTo("questionnaire");
                        assertThat(event.data()).containsEntry("comment", "Долго ждали в очереди");
                        assertThat((Map<String, Object>) event.data().get("organization")).containsEntry("id", (int) unit);
                        assertThat(event.id()).isEqualTo(String.valueOf(event.data().get("id")));
                    })
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
        }
        long questionnaire = db.sql("SELECT id FROM questionnaire WHERE organization_id = :unit").bind("unit", unit)
                .map(r -> r.get("id", Long.class)).one().block();
        // The stream that saw only its opening resumes from its id and misses nothing.
        StepVerifier.create(events(admin.session(), body, opening).take(2))
                .assertNext(event -> assertThat(event.id()).isEqualTo(opening))
                .assertNext(event -> assertThat(event.id()).isEqualTo(String.valueOf(questionnaire)))
                .expectComplete()
                .verify(Duration.ofSeconds(10));

        // The list, with filters; the responder of the unit sees it too, but not the body above.
        admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/questionnaires?withComment=true&replied=false&maxMean=3")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(questionnaire)
                .jsonPath("$.items[0].replyDueAt").isNotEmpty().jsonPath("$.items[0].overdue").isEqualTo(false);
        admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/questionnaires?maxMean=1.5")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
        admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/questionnaires?maxMean=9")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("maxMean");
        responder.client().get().uri("/api/v1/cabinet/organizations/" + unit + "/questionnaires")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);

        // Outside the scope: 403; unknown: 404; a citizen has no cabinet.
        admin.client().get().uri("/api/v1/cabinet/organizations/" + outside + "/questionnaires").exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").value(t -> assertThat(t.toString()).endsWith("outside-scope"));
        responder.client().get().uri("/api/v1/cabinet/organizations/" + body + "/analytics").exchange().expectStatus().isForbidden();
        responder.client().get().uri("/api/v1/cabinet/organizations/" + unit + "/audit").exchange().expectStatus().isForbidden();
        admin.client().get().uri("/api/v1/cabinet/organizations/987654321/questionnaires").exchange().expectStatus().isNotFound();
        citizen().get().uri("/api/v1/cabinet/organizations").exchange().expectStatus().isForbidden();

        // The reply: public under the comment, mailed to the author, given once.
        responder.client().post().uri("/api/v1/cabinet/questionnaires/" + questionnaire + "/reply")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("text", "  ")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("text");
        responder.client().post().uri("/api/v1/cabinet/questionnaires/" + questionnaire + "/reply")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("text", "x".repeat(4001))).exchange()
                .expectStatus().isBadRequest();
        staff(Role.ORG_RESPONDER, outside).client().post().uri("/api/v1/cabinet/questionnaires/" + questionnaire + "/reply")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("text", "Не наш отзыв")).exchange()
                .expectStatus().isForbidden();
        assertThat(db.sql("SELECT count(*) AS n FROM questionnaire_reply").map(r -> r.get("n", Long.class)).one().block()).isZero();
        responder.client().post().uri("/api/v1/cabinet/questionnaires/" + questionnaire + "/reply")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("text", "Спасибо, открыли второе окно.")).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.questionnaireId").isEqualTo(questionnaire)
                .jsonPath("$.text").isEqualTo("Спасибо, открыли второе окно.");
        admin.client().post().uri("/api/v1/cabinet/questionnaires/" + questionnaire + "/reply")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("text", "Ещё раз")).exchange()
                .expectStatus().isEqualTo(409);
        web.get().uri("/api/v1/organizations/" + unit + "/reviews").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].reply.text").isEqualTo("Спасибо, открыли второе окно.")
                .jsonPath("$.items[0].reply.organization.id").isEqualTo(unit);
        String page = web.get().uri("/o/" + unit).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("Спасибо, открыли второе окно.");
        citizens0().get().uri("/api/v1/me/ratings").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].reply.text").isEqualTo("Спасибо, открыли второе окно.");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inbox = web.get().uri("/dev/mail").accept(MediaType.APPLICATION_JSON).exchange()
                .expectBody(List.class).returnResult().getResponseBody();
        assertThat(inbox).anySatisfy(mail -> {
            assertThat(mail.get("to")).isEqualTo("citizen1@load.test");
            assertThat((String) mail.get("text")).contains("Спасибо, открыли второе окно.");
        });

        // Overdue: a complaint eleven days old without a reply is flagged in the unit's and the body's cabinet.
        long old = db.sql("""
                        INSERT INTO questionnaire (organization_id, user_id, local_date, scores, mean, comment, created_at)
                        SELECT :unit, id, current_date - 11, '{"OVERALL": 1}', 1, 'Никто не ответил', now() - interval '11 days'
                        FROM app_user WHERE email = 'citizen2@load.test' RETURNING id""")
                .bind("unit", unit).map(r -> r.get("id", Long.class)).one().block();
        admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/questionnaires?replied=false")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].id").isEqualTo(old).jsonPath("$.items[0].overdue").isEqualTo(true);

        // Analytics: the same as a recomputation from the questionnaires of the subtree.
        Map<String, Object> truth = db.sql("""
                        SELECT count(*) AS n, round(avg(q.mean), 2) AS score FROM questionnaire q
                        JOIN org_closure c ON c.descendant_id = q.organization_id
                        WHERE c.ancestor_id = :body AND q.status = 'PUBLISHED'""").bind("body", body).fetch().one().block();
        admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/analytics").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.ratingsCount").isEqualTo(((Number) truth.get("n")).intValue())
                .jsonPath("$.score").isEqualTo(((Number) truth.get("score")).doubleValue())
                .jsonPath("$.units[0].organization.id").isEqualTo(unit)
                .jsonPath("$.units[0].rank").isEqualTo(1)
                .jsonPath("$.replies.answered").isEqualTo(1)
                .jsonPath("$.replies.overdue").isEqualTo(1)
                .jsonPath("$.criteria.OVERALL").isNotEmpty();

        // Resuming: a stream that last saw the questionnaire before the reply's one gets what came after it first.
        StepVerifier.create(events(admin.session(), body, String.valueOf(questionnaire)).take(2))
                .assertNext(event -> {
                    assertThat(event.comment()).isEqualTo("live");
                    assertThat(event.id()).isEqualTo(String.valueOf(questionnaire));
                })
                .assertNext(event -> assertThat(event.id()).isEqualTo(String.valueOf(old)))
                .expectComplete()
                .verify(Duration.ofSeconds(10));

        admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/audit").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].action").isEqualTo("questionnaire.reply")
                .jsonPath("$.items[0].subject").isEqualTo("questionnaire:" + questionnaire);
    }

    @Test
    void questionnairesHeardOutOfIdOrderAllReachTheFeed() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        List<Long> citizens = RatingTestSupport.citizens(db, 1, 2);
        Staff admin = staff(Role.ORG_ADMIN, body);
        // Two questionnaires committed, the live event of the newer one heard first (concurrent batches, two instances).
        List<Long> ids = citizens.stream().map(citizen -> db.sql("""
                        INSERT INTO questionnaire (organization_id, user_id, local_date, scores, mean)
                        VALUES (:unit, :citizen, current_date, '{"OVERALL": 5}', 5) RETURNING id""")
                .bind("unit", unit).bind("citizen", citizen).map(r -> r.get("id", Long.class)).one().block()).toList();
        String older = event(unit, ids.get(0), 1);
        String newer = event(unit, ids.get(1), 2);
        StepVerifier.create(events(admin.session(), body, null).take(3))
                .assertNext(event -> assertThat(event.comment()).isEqualTo("live"))
                .then(() -> strings.convertAndSend("ocenka:ratings", newer)
                        .then(Mono.delay(Duration.ofMillis(300)))
                        .then(strings.convertAndSend("ocenka:ratings", older)).subscribe())
                .assertNext(event -> assertThat(event.id()).isEqualTo(String.valueOf(ids.get(1))))
                .assertNext(event -> assertThat(event.id()).isEqualTo(String.valueOf(ids.get(0))))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    /** A live rating event as the aggregate script publishes it. */
    private static String event(long organization, long questionnaire, long n) {
        return String.format("{\"id\":%d,\"o\":%d,\"n\":%d,\"sum\":%d,\"sat\":%d,\"mean\":\"5\",\"at\":\"%s\",\"q\":%d}",
                900_000 + questionnaire, organization, n, 5_000_000 * n, n, java.time.OffsetDateTime.now(), questionnaire);
    }

    @Test
    void exportsHoldTheRowsAndPostersCarryTheRateCode() throws Exception {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        RatingTestSupport.citizens(db, 1, 3);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 3);
        String tricky = "Окно №3, \"справки\"\nи очередь";
        citizens.get(0).post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", tricky)).exchange().expectStatus().isCreated();
        citizens.get(1).post().uri("/api/v1/organizations/" + body + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", "=HYPERLINK(\"x\")")).exchange().expectStatus().isCreated();
        Staff admin = staff(Role.ORG_ADMIN, body);

        var csv = admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/export?format=csv").exchange()
                .expectStatus().isOk().expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"ocenka-" + body + "-.*\\.csv\"")
                .expectBody(byte[].class).returnResult().getResponseBody();
        String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFid,organization_id,organization,created_at,mean,SIMPLICITY");
        assertThat(text).contains("\"Окно №3, \"\"справки\"\"\nи очередь\"").contains("'=HYPERLINK");
        assertThat(text.split("\r\n")).hasSize(3);

        byte[] xlsx = admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/export?format=xlsx").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("id");
            List<String> comments = List.of(sheet.getRow(1).getCell(13).getStringCellValue(), sheet.getRow(2).getCell(13).getStringCellValue());
            assertThat(comments).contains(tricky);
            assertThat(sheet.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(5.0);
        }
        admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/export?format=doc").exchange().expectStatus().isBadRequest();

        String rateUrl = urls.rateUrl(unit);
        byte[] pdf = admin.client().get().uri("/api/v1/cabinet/organizations/" + unit + "/poster?format=pdf&lang=be").exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            // The page's one image is the QR code, as printed.
            var resources = document.getPage(0).getResources();
            var name = resources.getXObjectNames().iterator().next();
            var image = ((org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) resources.getXObject(name)).getImage();
            assertThat(by.ocenka.catalog.QrDecoding.decode(image)).isEqualTo(rateUrl);
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("Ацаніце нас!");
        }
        String svg = admin.client().get().uri("/api/v1/cabinet/organizations/" + unit + "/poster?format=svg&lang=en").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(svg).contains("Rate our service!");
        String qr = svg.substring(svg.indexOf("<svg x="), svg.indexOf("</svg>") + 6);
        assertThat(by.ocenka.catalog.QrDecoding.decodeSvg(qr)).isEqualTo(rateUrl);

        byte[] batch = admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/posters").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        long units = db.sql("SELECT count(*) AS n FROM org_closure c JOIN organization o ON o.id = c.descendant_id "
                + "WHERE c.ancestor_id = :body AND o.status = 'ACTIVE'").bind("body", body).map(r -> r.get("n", Long.class)).one().block();
        try (var document = org.apache.pdfbox.Loader.loadPDF(batch)) {
            assertThat(document.getNumberOfPages()).isEqualTo((int) Math.min(units, 500));
        }
        staff(Role.ORG_ADMIN, unit).client().get().uri("/api/v1/cabinet/organizations/" + body + "/poster").exchange()
                .expectStatus().isForbidden();
        admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/audit").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].action").isEqualTo("questionnaires.export");

        // An extra criterion of the body: required on the unit's next rating, shown on its form; past answers stay.
        Map<String, Object> queue = Map.of("code", "QUEUE", "name", Map.of("ru", "Время ожидания в очереди",
                "be", "Час чакання ў чарзе", "en", "Waiting time in the queue"));
        staff(Role.ORG_RESPONDER, body).client().put().uri("/api/v1/cabinet/organizations/" + body + "/criteria")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(List.of(queue)).exchange().expectStatus().isForbidden();
        admin.client().put().uri("/api/v1/cabinet/organizations/" + body + "/criteria")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(List.of(Map.of("code", "OVERALL", "name", Map.of("ru", "x"))))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("[0].code");
        admin.client().put().uri("/api/v1/cabinet/organizations/" + body + "/criteria")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(List.of(queue)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].code").isEqualTo("QUEUE").jsonPath("$[0].name.be").isEqualTo("Час чакання ў чарзе");
        citizens.get(2).post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isBadRequest();
        assertThat(web.get().uri("/o/" + unit + "/rate").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("Время ожидания в очереди");
        Map<String, Integer> withQueue = new java.util.HashMap<>(RatingTestSupport.FIVES);
        withQueue.put("QUEUE", 4);
        citizens.get(2).post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", withQueue)).exchange().expectStatus().isCreated();
        admin.client().put().uri("/api/v1/cabinet/organizations/" + body + "/criteria")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(List.of()).exchange().expectStatus().isOk();
        assertThat(db.sql("SELECT count(*) AS n FROM questionnaire WHERE scores ? 'QUEUE'").map(r -> r.get("n", Long.class))
                .one().block()).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdminAddsAndRemovesColleaguesForItsSubtree() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        Staff admin = staff(Role.ORG_ADMIN, body);
        Map<String, Object> colleague = Map.of("email", "desk@unit.test", "displayName", "Дежурный администратор", "role", "ORG_RESPONDER");

        staff(Role.ORG_RESPONDER, body).client().post().uri("/api/v1/cabinet/organizations/" + unit + "/staff")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(colleague).exchange().expectStatus().isForbidden();
        admin.client().post().uri("/api/v1/cabinet/organizations/" + unit + "/staff")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", "x@unit.test", "displayName", "Икс", "role", "ADMIN"))
                .exchange().expectStatus().isBadRequest();
        admin.client().post().uri("/api/v1/cabinet/organizations/" + unit + "/staff")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(colleague).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("invited").jsonPath("$.email").isEqualTo("desk@unit.test");
        long added = db.sql("SELECT id FROM app_user WHERE email = 'desk@unit.test'").map(r -> r.get(0, Long.class))
                .one().block();
        List<Map<String, Object>> inbox = web.get().uri("/dev/mail").accept(MediaType.APPLICATION_JSON).exchange()
                .expectBody(List.class).returnResult().getResponseBody();
        assertThat(inbox).anySatisfy(mail -> {
            assertThat(mail.get("to")).isEqualTo("desk@unit.test");
            assertThat((String) mail.get("text")).contains("/password-reset?token=");
        });
        admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/staff").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.email == 'desk@unit.test')].role").isEqualTo(List.of("ORG_RESPONDER"))
                .jsonPath("$[?(@.email == 'desk@unit.test')].organizationId").isEqualTo(List.of((int) unit));

        long self = ((Number) db.sql("SELECT user_id FROM user_role WHERE role = 'ORG_ADMIN' AND organization_id = :body")
                .bind("body", body).fetch().one().block().get("user_id")).longValue();
        admin.client().delete().uri("/api/v1/cabinet/organizations/" + body + "/staff/" + self + "?role=ORG_ADMIN").exchange()
                .expectStatus().isEqualTo(409);
        admin.client().delete().uri("/api/v1/cabinet/organizations/" + unit + "/staff/" + added + "?role=ORG_RESPONDER").exchange()
                .expectStatus().isNoContent();
        admin.client().delete().uri("/api/v1/cabinet/organizations/" + unit + "/staff/" + added + "?role=ORG_RESPONDER").exchange()
                .expectStatus().isNotFound();
        assertThat(db.sql("SELECT count(*) AS n FROM user_role WHERE user_id = :u").bind("u", added)
                .map(r -> r.get("n", Long.class)).one().block()).isZero();
        admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/audit").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].action").isEqualTo("staff.remove")
                .jsonPath("$.items[1].action").isEqualTo("staff.add");
    }

    @Test
    @SuppressWarnings("unchecked")
    void alertsMailLowScoresOnceAndDigestsAreSentOnce() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        RatingTestSupport.citizens(db, 1, 2);
        List<WebTestClient> citizens = RatingTestSupport.sessions(web, 1, 2);
        String email = "alerts" + System.nanoTime() + "@org.test";
        accounts.create(email, "staff password alerts", "Дежурный", true, Role.ORG_ADMIN, body).block(Duration.ofSeconds(30));
        WebTestClient admin = loggedIn(email, "staff password alerts");

        admin.put().uri("/api/v1/cabinet/alerts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("maxMean", 2, "digest", "hourly")).exchange().expectStatus().isBadRequest();
        admin.put().uri("/api/v1/cabinet/alerts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("maxMean", 2, "digest", "daily")).exchange().expectStatus().isOk();
        admin.get().uri("/api/v1/cabinet/alerts").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.maxMean").isEqualTo(2.0).jsonPath("$.digest").isEqualTo("daily");

        citizens.get(1).post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isCreated();
        citizens.get(0).post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", Map.of("SIMPLICITY", 1, "INFORMATION", 1, "TIMELINESS", 1, "POLITENESS", 2,
                        "OVERALL", 1), "comment", "Грубо ответили")).exchange().expectStatus().isCreated();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 1);
        assertThat((String) mailsTo(email).get(0).get("text")).contains("Грубо ответили").contains("1.20");

        // A day later the digest is due: whoever claims it first (this call or the background job) sends it.
        db.sql("UPDATE cabinet_alert SET last_digest_at = now() - interval '25 hours'").then().block();
        alerts.sendDigests().block(Duration.ofSeconds(30));
        assertThat(alerts.sendDigests().block(Duration.ofSeconds(30))).as("claimed once a day").isZero();
        List<Map<String, Object>> mails = mailsTo(email);
        assertThat(mails).hasSize(2);
        assertThat(mails).filteredOn(mail -> ((String) mail.get("text")).contains("анкет: 2")).hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> mailsTo(String email) {
        List<Map<String, Object>> inbox = web.get().uri("/dev/mail").accept(MediaType.APPLICATION_JSON).exchange()
                .expectBody(List.class).returnResult().getResponseBody();
        return inbox.stream().filter(mail -> email.equals(mail.get("to"))).toList();
    }

    private WebTestClient citizens0() {
        return RatingTestSupport.sessions(web, 1, 1).get(0);
    }

    /** A new staff account with this organisation role, logged in; its session id for streams. */
    private Staff staff(Role role, long organization) {
        String email = role.name().toLowerCase() + System.nanoTime() + "@org.test";
        accounts.create(email, "staff password " + role, "Сотрудник " + role, true, role, organization)
                .block(Duration.ofSeconds(30));
        WebTestClient csrf = withCsrf();
        String session = csrf.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "staff password " + role))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseCookies().getFirst("SESSION").getValue();
        return new Staff(csrf.mutate().defaultCookie("SESSION", session).build(), session);
    }

    private Flux<ServerSentEvent<Map<String, Object>>> events(String session, long organization, String lastEventId) {
        return TestClients.webClient("http://localhost:" + context.getWebServer().getPort())
                .get().uri("/api/v1/cabinet/organizations/{id}/events", organization).accept(MediaType.TEXT_EVENT_STREAM)
                .cookie("SESSION", session)
                .headers(h -> {
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .filter(event -> "questionnaire".equals(event.event()) || "live".equals(event.comment()));
    }
}

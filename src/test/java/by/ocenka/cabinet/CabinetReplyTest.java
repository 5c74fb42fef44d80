package by.ocenka.cabinet;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetRecords.Analytics;
import by.ocenka.cabinet.CabinetRecords.BulkReplies;
import by.ocenka.cabinet.CabinetRecords.CabinetQuestionnaire;
import by.ocenka.cabinet.CabinetRecords.ReplyCreated;
import by.ocenka.platform.AuditLog;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies as the staff give them: checked, public under the comment, mailed to the author, given once and recorded;
 * unanswered complaints flagged when overdue; the figures equal to a recomputation from the questionnaires.
 */
class CabinetReplyTest extends CabinetTesting {

    private static WebTestClient.ResponseSpec reply(Staff staff, long questionnaire, String text) {
        return staff.client().post().uri("/api/v1/cabinet/questionnaires/" + questionnaire + "/reply")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("text", text)).exchange();
    }

    @Test
    void aReplyIsCheckedPublicMailedGivenOnceAndRecorded() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        List<WebTestClient> citizens = citizens(1);
        long questionnaire = rate(citizens.get(0), unit, LOW, "Долго ждали в очереди");
        Staff admin = staff(Role.ORG_ADMIN, body);
        Staff responder = staff(Role.ORG_RESPONDER, unit);

        reply(responder, questionnaire, "  ").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("text");
        reply(responder, questionnaire, "x".repeat(4001)).expectStatus().isBadRequest();
        reply(staff(Role.ORG_RESPONDER, tree.outside()), questionnaire, "Не наш отзыв").expectStatus().isForbidden();
        assertThat(feed(admin, body, "?replied=true").total()).as("nothing replied yet").isZero();

        ReplyCreated created = reply(responder, questionnaire, "Спасибо, открыли второе окно.").expectStatus().isCreated()
                .expectBody(ReplyCreated.class).returnResult().getResponseBody();
        assertThat(created.questionnaireId()).isEqualTo(questionnaire);
        assertThat(created.text()).isEqualTo("Спасибо, открыли второе окно.");
        reply(admin, questionnaire, "Ещё раз").expectStatus().isEqualTo(409);

        web.get().uri("/api/v1/organizations/" + unit + "/reviews").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].reply.text").isEqualTo("Спасибо, открыли второе окно.")
                .jsonPath("$.items[0].reply.organization.id").isEqualTo(unit);
        assertThat(web.get().uri("/o/" + unit).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("Спасибо, открыли второе окно.");
        citizens.get(0).get().uri("/api/v1/me/ratings").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].reply.text").isEqualTo("Спасибо, открыли второе окно.");
        assertThat(mailsTo("citizen1@load.test")).anySatisfy(mail -> assertThat(mail.text()).contains("Спасибо, открыли второе окно."));

        CabinetQuestionnaire replied = feed(admin, body, "?replied=true").items().get(0);
        assertThat(replied.reply().text()).isEqualTo("Спасибо, открыли второе окно.");
        AuditLog.Entry recorded = audit(admin, body).get(0);
        assertThat(recorded.action()).isEqualTo("questionnaire.reply");
        assertThat(recorded.subject()).isEqualTo("questionnaire:" + questionnaire);
    }

    private static WebTestClient.ResponseSpec replyToMany(Staff staff, List<Long> questionnaires, String text) {
        return staff.client().post().uri("/api/v1/cabinet/replies").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("questionnaireIds", questionnaires, "text", text)).exchange();
    }

    @Test
    void oneTextAnswersSeveralQuestionnairesEachOnItsOwnAndSaysWhyOthersWereSkipped() {
        Subtrees tree = tree();
        List<WebTestClient> citizens = citizens(3);
        long waiting = rate(citizens.get(0), tree.unit(), LOW, "Долго ждали в очереди");
        long answered = rate(citizens.get(1), tree.unit(), LOW, "Нет информации на сайте");
        long elsewhere = rate(citizens.get(2), tree.outside(), LOW, "Грубо ответили");
        Staff responder = staff(Role.ORG_RESPONDER, tree.unit());
        reply(responder, answered, "Ответили отдельно.").expectStatus().isCreated();

        // Bad input answers nothing.
        replyToMany(responder, List.of(waiting), "  ").expectStatus().isBadRequest();
        replyToMany(responder, List.of(), "Спасибо").expectStatus().isBadRequest();
        replyToMany(responder, LongStream.rangeClosed(1, 101).boxed().toList(), "Спасибо").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("questionnaireIds");
        assertThat(feed(responder, tree.unit(), "?replied=true").total()).isEqualTo(1);

        BulkReplies result = replyToMany(responder, List.of(waiting, answered, elsewhere, 987_654_321L, waiting),
                "Спасибо, разбираемся.").expectStatus().isCreated().expectBody(BulkReplies.class).returnResult().getResponseBody();
        assertThat(result.replied()).containsExactly(waiting);
        assertThat(result.skipped()).containsExactly(new BulkReplies.Skipped(answered, "already-replied"),
                new BulkReplies.Skipped(elsewhere, "outside-scope"), new BulkReplies.Skipped(987_654_321L, "not-found"));
        // Each a reply of its own: public under its review, mailed to its author; the one answered before keeps its own.
        web.get().uri("/api/v1/organizations/" + tree.unit() + "/reviews").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[?(@.id == " + waiting + ")].reply.text").isEqualTo("Спасибо, разбираемся.")
                .jsonPath("$.items[?(@.id == " + answered + ")].reply.text").isEqualTo("Ответили отдельно.");
        assertThat(mailsTo("citizen1@load.test")).anySatisfy(mail -> assertThat(mail.text()).contains("Спасибо, разбираемся."));
        assertThat(mailsTo("citizen3@load.test")).noneSatisfy(mail -> assertThat(mail.text()).contains("Спасибо, разбираемся."));
    }

    @Test
    void overdueComplaintsAreFlaggedAndTheFiguresEqualARecomputation() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        List<WebTestClient> citizens = citizens(2);
        long answered = rate(citizens.get(0), unit, LOW, "Долго ждали в очереди");
        Staff admin = staff(Role.ORG_ADMIN, body);
        reply(admin, answered, "Спасибо, открыли второе окно.").expectStatus().isCreated();

        // A complaint eleven days old without a reply is flagged in the body's cabinet.
        long old = db.sql("""
                        INSERT INTO questionnaire (organization_id, user_id, local_date, scores, mean, comment, created_at)
                        SELECT :unit, id, current_date - 11, '{"OVERALL": 1}', 1, 'Никто не ответил', now() - interval '11 days'
                        FROM app_user WHERE email = 'citizen2@load.test' RETURNING id""")
                .bind("unit", unit).map(r -> r.get("id", Long.class)).one().block();
        CabinetQuestionnaire waiting = feed(admin, body, "?replied=false").items().get(0);
        assertThat(waiting.id()).isEqualTo(old);
        assertThat(waiting.overdue()).isTrue();

        // Analytics: the same as a recomputation from the questionnaires of the subtree.
        Map<String, Object> truth = db.sql("""
                        SELECT count(*) AS n, round(avg(q.mean), 2) AS score FROM questionnaire q
                        JOIN org_closure c ON c.descendant_id = q.organization_id
                        WHERE c.ancestor_id = :body AND q.status = 'PUBLISHED'""").bind("body", body).fetch().one().block();
        Analytics figures = admin.client().get().uri("/api/v1/cabinet/organizations/" + body + "/analytics").exchange()
                .expectStatus().isOk().expectBody(Analytics.class).returnResult().getResponseBody();
        assertThat(figures.ratingsCount()).isEqualTo(((Number) truth.get("n")).longValue());
        assertThat(figures.score()).isEqualTo(((Number) truth.get("score")).doubleValue());
        assertThat(figures.units().get(0).organization().id()).isEqualTo(unit);
        // Two questionnaires in the period: too few for a position (5), listed without one.
        assertThat(figures.units().get(0).rank()).isNull();
        assertThat(figures.replies().answered()).isEqualTo(1);
        assertThat(figures.replies().overdue()).isEqualTo(1);
        assertThat(figures.criteria().get("OVERALL")).isNotNull();
        // The unit's public page counts its own questionnaires of the past year: one of the two answered.
        assertThat(web.get().uri("/o/" + unit).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("Ответы организации на отзывы: 50 % за год");
    }

    @Test
    void aQuestionnaireHeldForTheModeratorsIsMarkedAsSuchAndCannotBeAnswered() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        citizens(1);
        long held = db.sql("""
                        INSERT INTO questionnaire (organization_id, user_id, local_date, scores, mean, comment, status)
                        SELECT :unit, id, current_date, '{"OVERALL": 1}', 1, 'Ужасно, никому не советую', 'HELD'
                        FROM app_user WHERE email = 'citizen1@load.test' RETURNING id""")
                .bind("unit", unit).map(r -> r.get("id", Long.class)).one().block();
        Staff admin = staff(Role.ORG_ADMIN, body);

        CabinetQuestionnaire shown = feed(admin, body, "").items().stream().filter(q -> q.id() == held).findFirst().orElseThrow();
        assertThat(shown.status()).isEqualTo("HELD");
        assertThat(shown.replyDueAt()).as("no reply is due on what is not published").isNull();
        assertThat(shown.overdue()).isFalse();
        String page = admin.client().get().uri("/cabinet/" + body).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("на проверке, не учитывается")
                .doesNotContain("/cabinet/" + body + "/questionnaires/" + held + "/reply");

        reply(admin, held, "Спасибо, разберёмся.").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").value(type -> assertThat(type.toString()).endsWith("questionnaire-held"));
        assertThat(mailsTo("citizen1@load.test")).as("no mail saying a reply is public").isEmpty();
        assertThat(feed(admin, body, "?replied=true").total()).isZero();
    }
}

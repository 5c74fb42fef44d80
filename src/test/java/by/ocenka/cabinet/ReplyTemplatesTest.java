package by.ocenka.cabinet;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetRecords.UsableTemplate;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answering at scale (issue 31): reply templates kept by an organisation and offered to its units, filled in when a
 * reply is sent; one text to several questionnaires from the cabinet page; the author's choice not to be mailed; and
 * the organisation's public detail saying how it answers.
 */
class ReplyTemplatesTest extends CabinetTesting {

    private static final ParameterizedTypeReference<List<UsableTemplate>> TEMPLATES = new ParameterizedTypeReference<>() { };

    private static WebTestClient.ResponseSpec put(Staff staff, long organization, Object templates) {
        return staff.client().put().uri("/api/v1/cabinet/organizations/" + organization + "/reply-templates")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(templates).exchange();
    }

    private static List<UsableTemplate> templates(Staff staff, long organization) {
        return staff.client().get().uri("/api/v1/cabinet/organizations/" + organization + "/reply-templates").exchange()
                .expectStatus().isOk().expectBody(TEMPLATES).returnResult().getResponseBody();
    }

    private static MultiValueMap<String, String> form(String... pairs) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static WebTestClient.ResponseSpec post(WebTestClient client, String path, MultiValueMap<String, String> form) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form)).exchange();
    }

    private static String page(WebTestClient client, String path) {
        return client.get().uri(path).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void aBodysTemplatesReachItsUnitsAndOnlyAdminsChangeThem() {
        Subtrees tree = tree();
        Staff bodyAdmin = staff(Role.ORG_ADMIN, tree.body());
        Staff unitAdmin = staff(Role.ORG_ADMIN, tree.unit());
        Staff responder = staff(Role.ORG_RESPONDER, tree.unit());

        List<UsableTemplate> saved = put(bodyAdmin, tree.body(), List.of(
                Map.of("title", " Благодарность ", "text", "Спасибо за отзыв о «{organization}»!"),
                Map.of("title", "Очередь", "text", "С {date} работает второе окно."))).expectStatus().isOk()
                .expectBody(TEMPLATES).returnResult().getResponseBody();
        assertThat(saved).extracting(UsableTemplate::title).containsExactly("Благодарность", "Очередь");
        put(unitAdmin, tree.unit(), List.of(Map.of("title", "Свой", "text", "Ответ подразделения."))).expectStatus().isOk();

        // The unit's staff see its own first, then the body's, marked inherited.
        List<UsableTemplate> offered = templates(responder, tree.unit());
        assertThat(offered).extracting(UsableTemplate::title).containsExactly("Свой", "Благодарность", "Очередь");
        assertThat(offered).extracting(UsableTemplate::inherited).containsExactly(false, true, true);
        assertThat(offered.get(1).organizationId()).isEqualTo(tree.body());

        // Who may change them: the organisation's admins; a responder or an outsider may not.
        put(responder, tree.unit(), List.of()).expectStatus().isForbidden();
        put(staff(Role.ORG_ADMIN, tree.outside()), tree.unit(), List.of()).expectStatus().isForbidden();
        staff(Role.ORG_RESPONDER, tree.outside()).client().get()
                .uri("/api/v1/cabinet/organizations/" + tree.unit() + "/reply-templates").exchange().expectStatus().isForbidden();
        // Bad input names the template at fault and changes nothing: an empty title, another organisation's id.
        put(unitAdmin, tree.unit(), List.of(Map.of("title", "", "text", "Текст"))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("[0].title");
        put(unitAdmin, tree.unit(), List.of(Map.of("id", saved.get(0).id(), "title", "Чужой", "text", "Текст")))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("[0].id");
        assertThat(templates(unitAdmin, tree.unit())).extracting(UsableTemplate::title)
                .containsExactly("Свой", "Благодарность", "Очередь");

        // Kept by id and changed, the others removed, in the order sent; recorded in the audit trail.
        put(bodyAdmin, tree.body(), List.of(Map.of("id", saved.get(1).id(), "title", "Очередь и запись",
                "text", "С {date} можно записаться заранее."))).expectStatus().isOk();
        assertThat(templates(bodyAdmin, tree.body())).extracting(UsableTemplate::id, UsableTemplate::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(saved.get(1).id(), "Очередь и запись"));
        assertThat(audit(bodyAdmin, tree.body()).get(0).action()).isEqualTo("reply-templates.replace");
    }

    @Test
    void aTemplatesPlaceholdersAreFilledWhenTheReplyIsSent() {
        Subtrees tree = tree();
        List<WebTestClient> citizens = citizens(1);
        long questionnaire = rate(citizens.get(0), tree.unit(), LOW, "Долго ждали");
        Staff responder = staff(Role.ORG_RESPONDER, tree.unit());
        String name = db.sql("SELECT name FROM organization WHERE id = :id").bind("id", tree.unit())
                .map(r -> r.get("name", String.class)).one().block();
        String today = LocalDate.now(ZoneId.of("Europe/Minsk")).format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));

        responder.client().post().uri("/api/v1/cabinet/questionnaires/" + questionnaire + "/reply")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "«{organization}» благодарит вас. С {date} работает второе окно."))
                .exchange().expectStatus().isCreated().expectBody()
                .jsonPath("$.text").isEqualTo("«" + name + "» благодарит вас. С " + today + " работает второе окно.");
        assertThat(mailsTo("citizen1@load.test")).anySatisfy(mail -> assertThat(mail.text())
                .contains("«" + name + "» благодарит вас.").contains("/account#notifications"));
    }

    @Test
    void theCabinetPageOffersTheTemplatesAndAnswersTheTickedQuestionnairesSayingWhatItSkipped() {
        Subtrees tree = tree();
        List<WebTestClient> citizens = citizens(3);
        long first = rate(citizens.get(0), tree.unit(), LOW, "Долго ждали в очереди");
        long second = rate(citizens.get(1), tree.unit(), LOW, null);
        long answered = rate(citizens.get(2), tree.unit(), LOW, "Нет информации");
        Staff admin = staff(Role.ORG_ADMIN, tree.unit());
        put(admin, tree.unit(), List.of(Map.of("title", "Очередь", "text", "Открыли второе окно."))).expectStatus().isOk();
        admin.client().post().uri("/api/v1/cabinet/questionnaires/" + answered + "/reply").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Ответили отдельно.")).exchange().expectStatus().isCreated();

        String cabinet = page(admin.client(), "/cabinet/" + tree.unit());
        assertThat(cabinet).contains("id=\"template-source\"").contains("Открыли второе окно.")
                .contains("form=\"bulk-reply\"").contains("value=\"" + first + "\"").contains("value=\"" + second + "\"");

        // Nothing ticked: nothing sent, and the page says so.
        String none = post(admin.client(), "/cabinet/" + tree.unit() + "/replies", form("text", "Спасибо"))
                .expectStatus().isSeeOther().expectHeader().valueMatches("Location", ".*error=none-ticked.*")
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        assertThat(page(admin.client(), none)).contains("Ни одна анкета не отмечена: ответ не отправлен.");

        String location = post(admin.client(), "/cabinet/" + tree.unit() + "/replies", form("questionnaireIds",
                String.valueOf(first), "questionnaireIds", String.valueOf(second), "questionnaireIds", String.valueOf(answered),
                "text", "Спасибо, разбираемся.", "back", "replied=false")).expectStatus().isSeeOther()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        assertThat(location).startsWith("/cabinet/" + tree.unit() + "?replied=false&bulkReplied=2&skipped=" + answered
                + ":already-replied");
        String after = page(admin.client(), location.replaceAll("#.*", ""));
        assertThat(after).contains("Опубликовано ответов: 2.")
                .contains("Анкета № " + answered + " пропущена: на неё уже ответили.");
        assertThat(feed(admin, tree.unit(), "?replied=true").items()).filteredOn(q -> q.id() == first || q.id() == second)
                .allSatisfy(q -> assertThat(q.reply().text()).isEqualTo("Спасибо, разбираемся.")).hasSize(2);
    }

    @Test
    void theTemplatesPageLetsAdminsAddChangeAndRemoveAndShowsTheInheritedOnes() {
        Subtrees tree = tree();
        Staff bodyAdmin = staff(Role.ORG_ADMIN, tree.body());
        Staff unitAdmin = staff(Role.ORG_ADMIN, tree.unit());
        Staff responder = staff(Role.ORG_RESPONDER, tree.unit());
        put(bodyAdmin, tree.body(), List.of(Map.of("title", "Сверху", "text", "Текст вышестоящей."))).expectStatus().isOk();
        String path = "/cabinet/" + tree.unit() + "/reply-templates";

        post(unitAdmin.client(), path, form("title", "Новый", "text", "Спасибо!")).expectStatus().isSeeOther()
                .expectHeader().valueEquals("Location", path + "?done=added");
        long id = templates(unitAdmin, tree.unit()).get(0).id();
        // A refused change shows the page again with the reason and what was typed, and stores nothing.
        String refused = post(unitAdmin.client(), path + "/" + id, form("title", "", "text", "Исправлено"))
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("название шаблона: от 1 до 120 знаков").contains("Исправлено");
        post(unitAdmin.client(), path + "/" + id, form("title", "Новый", "text", "Спасибо, исправлено!"))
                .expectStatus().isSeeOther().expectHeader().valueEquals("Location", path + "?done=saved");
        String saved = page(unitAdmin.client(), path + "?done=saved");
        assertThat(saved).contains("Шаблон сохранён.").contains("Спасибо, исправлено!").contains("Текст вышестоящей.");

        // A responder reads them without forms and cannot post one.
        String read = page(responder.client(), path);
        assertThat(read).contains("Спасибо, исправлено!").doesNotContain("name=\"title\"");
        post(responder.client(), path, form("title", "Чужой", "text", "Нет")).expectStatus().isForbidden();

        post(unitAdmin.client(), path + "/" + id + "/remove", form()).expectStatus().isSeeOther();
        assertThat(templates(unitAdmin, tree.unit())).extracting(UsableTemplate::title).containsExactly("Сверху");
        post(unitAdmin.client(), path + "/" + id + "/remove", form()).expectStatus().isNotFound();
    }

    @Test
    void anAuthorWhoTurnedTheMailOffIsNotMailedAndThePublicDetailSaysHowTheOrganisationAnswers() {
        Subtrees tree = tree();
        List<WebTestClient> citizens = citizens(2);
        long quiet = rate(citizens.get(0), tree.unit(), LOW, "Долго ждали");
        long told = rate(citizens.get(1), tree.unit(), LOW, "Грубо ответили");
        citizens.get(0).patch().uri("/api/v1/me").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "Тихий Читатель", "mailOnReply", false)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.mailOnReply").isEqualTo(false);
        citizens.get(1).get().uri("/api/v1/me").exchange().expectBody().jsonPath("$.mailOnReply").isEqualTo(true);
        assertThat(page(citizens.get(0), "/account")).contains("name=\"mailOnReply\"");

        Staff responder = staff(Role.ORG_RESPONDER, tree.unit());
        for (long q : List.of(quiet, told)) {
            responder.client().post().uri("/api/v1/cabinet/questionnaires/" + q + "/reply").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("text", "Ответ на " + q)).exchange().expectStatus().isCreated();
        }
        assertThat(mailsTo("citizen1@load.test")).noneSatisfy(mail -> assertThat(mail.text()).contains("Ответ на " + quiet));
        assertThat(mailsTo("citizen2@load.test")).anySatisfy(mail -> assertThat(mail.text()).contains("Ответ на " + told));

        // The account page turns it back on (a ticked box), and the next reply is mailed.
        post(citizens.get(0), "/account/notifications", form("mailOnReply", "true")).expectStatus().isSeeOther()
                .expectHeader().valueEquals("Location", "/account?done=notifications#notifications");
        assertThat(page(citizens.get(0), "/account?done=notifications")).contains("Настройки писем сохранены.");
        citizens.get(0).get().uri("/api/v1/me").exchange().expectBody().jsonPath("$.mailOnReply").isEqualTo(true);

        // Both questionnaires asked for a reply and got one: the public detail says 100 %, no helpful share yet.
        web.get().uri("/api/v1/organizations/" + tree.unit()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.replies.rate").isEqualTo(100.0)
                .jsonPath("$.replies.helpfulCount").isEqualTo(0)
                .jsonPath("$.replies.helpfulShare").isEmpty();
    }
}

package by.ocenka.cabinet;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.rating.internal.ThemeTagging;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the loop (issue 31, items 3 and 4): comments tagged with their themes behind the rating, the themes counted
 * for everyone and, month by month, for the cabinet; the vocabulary a moderator extends; an improvement an
 * organisation publishes, shown with the comments on its theme before and after, in the feed, and mailed to the
 * citizens who wrote of it.
 */
class ThemesAndImprovementsTest extends CabinetTesting {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

    @Autowired
    ThemeTagging tagging;

    private List<Map<String, Object>> publicThemes(long organization) {
        return web.get().uri("/api/v1/organizations/" + organization + "/themes").exchange().expectStatus().isOk()
                .expectBody(LIST).returnResult().getResponseBody();
    }

    private static String page(WebTestClient client, String path) {
        return client.get().uri(path).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private long untagged() {
        return db.sql("SELECT count(*) AS n FROM questionnaire WHERE comment IS NOT NULL AND themes IS NULL")
                .map(r -> r.get("n", Long.class)).one().block();
    }

    @Test
    void commentsAreTaggedBehindTheRatingAndCountedForEveryoneAndTheCabinet() {
        Subtrees tree = tree();
        List<WebTestClient> citizens = citizens(4);
        rate(citizens.get(0), tree.unit(), LOW, "Прождала в очереди полтора часа");
        rate(citizens.get(1), tree.unit(), LOW, "Сотрудница нагрубила, а ачередь не двигалась");
        rate(citizens.get(2), tree.unit(), RatingTestSupport.FIVES, "Спасибо, фикус в холле цветёт");
        rate(citizens.get(3), tree.unit(), RatingTestSupport.FIVES, null);

        // The rating's answer did not wait for the themes: they come behind it.
        assertThat(untagged()).isEqualTo(3);
        assertThat(publicThemes(tree.unit())).isEmpty();
        assertThat(tagging.tagPending().block(Duration.ofSeconds(30))).isEqualTo(3);
        assertThat(untagged()).isZero();

        List<Map<String, Object>> themes = publicThemes(tree.unit());
        assertThat(themes).extracting(t -> t.get("theme")).containsExactly("queue", "politeness", "other");
        assertThat(themes.get(0)).containsEntry("name", "Очереди и ожидание").containsEntry("count", 2)
                .containsEntry("share", 0.6667).containsEntry("mean", 1.8);
        assertThat(themes.get(2)).containsEntry("mean", 5.0);
        // The page names the top themes ("other" is not one of them).
        String orgPage = page(web, "/o/" + tree.unit());
        assertThat(orgPage).contains("О чём пишут").contains("Очереди и ожидание").contains("Вежливость персонала")
                .doesNotContain("<strong>Другое</strong>");

        // The cabinet: the subtree, month by month; outsiders are refused.
        Staff bodyAdmin = staff(Role.ORG_ADMIN, tree.body());
        List<Map<String, Object>> subtree = bodyAdmin.client().get()
                .uri("/api/v1/cabinet/organizations/" + tree.body() + "/themes").exchange().expectStatus().isOk()
                .expectBody(LIST).returnResult().getResponseBody();
        assertThat(subtree.get(0)).containsEntry("theme", "queue").containsEntry("count", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> months = (List<Map<String, Object>>) subtree.get(0).get("byMonth");
        assertThat(months).hasSize(12);
        assertThat(months.get(11)).containsEntry("month", LocalDate.now(ZoneId.of("Europe/Minsk")).toString().substring(0, 7))
                .containsEntry("count", 2).containsEntry("mean", 1.8);
        assertThat(months.get(0)).containsEntry("count", 0);
        staff(Role.ORG_ADMIN, tree.outside()).client().get().uri("/api/v1/cabinet/organizations/" + tree.unit() + "/themes")
                .exchange().expectStatus().isForbidden();
        assertThat(page(bodyAdmin.client(), "/cabinet/" + tree.body() + "/themes")).contains("data-theme=\"queue\"")
                .contains("Очереди и ожидание");
        web.get().uri("/api/v1/organizations/" + tree.unit() + "/themes?from=2026-05-01&to=2026-04-01").exchange()
                .expectStatus().isBadRequest();
        web.get().uri("/api/v1/organizations/999999999/themes").exchange().expectStatus().isNotFound();

        // A moderator extends the vocabulary; the comments already tagged are tagged again behind it.
        WebTestClient moderator = loggedInAs(Role.MODERATOR, null);
        moderator.post().uri("/api/v1/moderation/theme-terms").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("theme", "other", "term", "фикус")).exchange().expectStatus().isBadRequest();
        moderator.post().uri("/api/v1/moderation/theme-terms").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("theme", "premises", "term", "  ")).exchange().expectStatus().isBadRequest();
        citizens.get(0).post().uri("/api/v1/moderation/theme-terms").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("theme", "premises", "term", "фикус")).exchange().expectStatus().isForbidden();
        long term = ((Number) moderator.post().uri("/api/v1/moderation/theme-terms").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("theme", "premises", "term", "фикус")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
        moderator.post().uri("/api/v1/moderation/theme-terms").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("theme", "premises", "term", "фикус")).exchange().expectStatus().isEqualTo(409);
        assertThat(tagging.sweep().block(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(publicThemes(tree.unit())).extracting(t -> t.get("theme")).containsExactly("queue", "politeness", "premises");
        moderator.delete().uri("/api/v1/moderation/theme-terms/" + term).exchange().expectStatus().isNoContent();
        moderator.delete().uri("/api/v1/moderation/theme-terms/" + term).exchange().expectStatus().isNotFound();
        tagging.sweep().block(Duration.ofSeconds(30));
        assertThat(publicThemes(tree.unit())).extracting(t -> t.get("theme")).containsExactly("queue", "politeness", "other");
    }

    @Test
    void anImprovementShowsTheCommentsBeforeAndAfterAndTellsTheCitizensWhoRaisedIt() {
        Subtrees tree = tree();
        List<WebTestClient> citizens = citizens(3);
        rate(citizens.get(0), tree.unit(), LOW, "Очередь огромная, ждала час");
        rate(citizens.get(1), tree.unit(), LOW, "Долго стояли в очереди");
        citizens.get(1).patch().uri("/api/v1/me").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "Не Пишите", "mailOnReply", false)).exchange().expectStatus().isOk();
        rate(citizens.get(2), tree.unit(), RatingTestSupport.FIVES, "Очень вежливые сотрудники");
        tagging.tagPending().block(Duration.ofSeconds(30));
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Minsk"));
        String path = "/api/v1/cabinet/organizations/" + tree.unit() + "/improvements";
        Staff admin = staff(Role.ORG_ADMIN, tree.unit());

        // Only the organisation's admins publish; bad input names each field and stores nothing.
        staff(Role.ORG_RESPONDER, tree.unit()).client().post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Окно", "text", "Текст", "theme", "queue", "effectiveOn", today.toString()))
                .exchange().expectStatus().isForbidden();
        admin.client().post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", " ", "text", "", "theme", "other", "effectiveOn", "2026-13-01"))
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString())
                        .contains("title", "text", "theme", "effectiveOn"));
        assertThat(db.sql("SELECT count(*) AS n FROM improvement").map(r -> r.get("n", Long.class)).one().block()).isZero();

        // Effective tomorrow: today's comments on queues are its "before".
        long window = ((Number) admin.client().post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Открыли второе окно", "text", "С понедельника принимают два специалиста.",
                        "theme", "queue", "effectiveOn", today.plusDays(1).toString()))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
        assertThat(db.sql("SELECT theme FROM improvement WHERE id = :id").bind("id", window)
                .map(r -> r.get("theme", String.class)).one().block()).isEqualTo("queue");
        // Effective today: today's comment on politeness is its "after".
        admin.client().post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Тренинг для сотрудников", "text", "Провели занятие по работе с посетителями.",
                        "theme", "politeness", "effectiveOn", today.toString()))
                .exchange().expectStatus().isCreated();

        // Mailed behind the answer: the one who wrote of queues and did not turn the mail off.
        Long notified = null;
        for (int i = 0; i < 100 && notified == null; i++) {
            notified = db.sql("SELECT notified FROM improvement WHERE id = :id").bind("id", window)
                    .map(r -> r.get("notified", Integer.class).longValue()).one().onErrorResume(e -> reactor.core.publisher.Mono.empty())
                    .block();
            sleep(100);
        }
        assertThat(notified).isEqualTo(1L);
        assertThat(mailsTo("citizen1@load.test")).anySatisfy(mail -> assertThat(mail.subject()).contains("изменение по теме")
                .satisfies(s -> assertThat(mail.text()).contains("Открыли второе окно").contains("«Очереди и ожидание»")
                        .contains("/o/" + tree.unit() + "#improvements").contains("/account#notifications")));
        assertThat(mailsTo("citizen2@load.test")).noneSatisfy(mail -> assertThat(mail.subject()).contains("изменение"));
        assertThat(mailsTo("citizen3@load.test")).noneSatisfy(mail -> assertThat(mail.subject()).contains("изменение"));

        List<Map<String, Object>> published = web.get().uri("/api/v1/organizations/" + tree.unit() + "/improvements")
                .exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        assertThat(published).extracting(i -> i.get("title")).containsExactly("Открыли второе окно", "Тренинг для сотрудников");
        assertThat(published.get(0)).containsEntry("theme", "queue").containsEntry("effectiveOn", today.plusDays(1).toString())
                .containsEntry("before", Map.of("mean", 1.8, "count", 2)).containsEntry("after", mapOf(null, 0));
        assertThat(published.get(1)).containsEntry("before", mapOf(null, 0)).containsEntry("after", Map.of("mean", 5.0, "count", 1));

        // The public page, the feed.
        assertThat(page(web, "/o/" + tree.unit())).contains("Вы сказали — мы сделали").contains("Открыли второе окно")
                .contains("За 90 дней до: анкет на эту тему 2, средняя оценка 1,80.");
        String feed = web.get().uri("/o/" + tree.unit() + "/reviews.atom").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(feed).contains("<title>Вы сказали — мы сделали: Открыли второе окно</title>")
                .contains("<category term=\"queue\" label=\"Очереди и ожидание\"/>");

        // The cabinet's page: the form for admins only; a refused one shows the page again with what was typed.
        assertThat(page(staff(Role.ORG_RESPONDER, tree.unit()).client(), "/cabinet/" + tree.unit() + "/themes"))
                .contains("Открыли второе окно").doesNotContain("id=\"new-improvement\"");
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("title", "");
        form.add("text", "Поставили скамейки у входа");
        form.add("theme", "premises");
        form.add("effectiveOn", today.toString());
        String refused = admin.client().post().uri("/cabinet/" + tree.unit() + "/improvements")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("role=\"alert\"").contains("Поставили скамейки у входа");
        form.set("title", "Скамейки у входа");
        String location = admin.client().post().uri("/cabinet/" + tree.unit() + "/improvements")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
                .exchange().expectStatus().isSeeOther().returnResult(Void.class).getResponseHeaders().getLocation().toString();
        assertThat(location).contains("published=").endsWith("#improvements");
        assertThat(page(admin.client(), location)).contains("Изменение опубликовано.").contains("Скамейки у входа");
    }

    private static Map<String, Object> mapOf(Object mean, int count) {
        Map<String, Object> map = new java.util.HashMap<>();
        map.put("mean", mean);
        map.put("count", count);
        return map;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package by.ocenka.cabinet;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.rating.Theme;
import by.ocenka.rating.ThemeTerms;
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
    @Autowired
    ThemeTerms themeTerms;

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

        // The same on the moderators' desk: try a comment, add a line (a refused one says why), see it listed.
        assertThat(page(moderator, "/moderation/themes?sample=Долго ждала, а талончик не дали"))
                .contains("id=\"found\"").contains("<strong>Очереди и ожидание</strong>")
                .contains("<td>" + themeTerms.shippedLines().get(Theme.QUEUE) + "</td>");
        MultiValueMap<String, String> line = new LinkedMultiValueMap<>();
        line.add("theme", "premises");
        line.add("term", "");
        assertThat(moderator.post().uri("/moderation/themes").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(line)).exchange().expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody()).contains("role=\"alert\"");
        line.set("term", "фикус*");
        String added = moderator.post().uri("/moderation/themes").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(line)).exchange().expectStatus().isSeeOther()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        assertThat(page(moderator, added)).contains("Строка добавлена.").contains("<code>фикус*</code>");
        tagging.sweep().block(Duration.ofSeconds(30));
        assertThat(publicThemes(tree.unit())).extracting(t -> t.get("theme")).containsExactly("queue", "politeness", "premises");
    }

    @Test
    void anImprovementShowsTheCommentsBeforeAndAfterAndTellsTheCitizensWhoRaisedIt() {
        Subtrees tree = tree();
        List<WebTestClient> citizens = citizens(4);
        // Ten days ago (the questionnaires are moved back, as if rated then): queues and rudeness, queues, politeness.
        List<Long> earlier = List.of(
                rate(citizens.get(0), tree.unit(), LOW, "Очередь огромная, ждала час, а сотрудница ещё и нагрубила"),
                rate(citizens.get(1), tree.unit(), LOW, "Долго стояли в очереди"),
                rate(citizens.get(2), tree.unit(), RatingTestSupport.FIVES, "Очень вежливые сотрудники"));
        db.sql("UPDATE questionnaire SET local_date = local_date - 10, created_at = created_at - interval '10 days' "
                + "WHERE id = ANY(:ids)").bind("ids", earlier.toArray(Long[]::new)).then().block(Duration.ofSeconds(10));
        citizens.get(1).patch().uri("/api/v1/me").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "Не Пишите", "mailOnReply", false)).exchange().expectStatus().isOk();
        // Today, after the change: a queue again, and a good score.
        rate(citizens.get(3), tree.unit(), RatingTestSupport.FIVES, "Очереди почти нет, приняли быстро");
        tagging.tagPending().block(Duration.ofSeconds(30));
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Minsk"));
        String path = "/api/v1/cabinet/organizations/" + tree.unit() + "/improvements";
        Staff admin = staff(Role.ORG_ADMIN, tree.unit());

        // Only the organisation's admins publish (whatever they send); bad input names each field and stores nothing.
        staff(Role.ORG_RESPONDER, tree.unit()).client().post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "", "text", "", "theme", "other", "effectiveOn", "")).exchange().expectStatus().isForbidden();
        admin.client().post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", " ", "text", "", "theme", "other", "effectiveOn", "2026-13-01"))
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString())
                        .contains("title", "text", "theme", "effectiveOn"));
        // What is published has happened: not a day ahead.
        admin.client().post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Окно", "text", "Откроем", "theme", "queue", "effectiveOn", today.plusDays(1).toString()))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("effectiveOn");
        assertThat(db.sql("SELECT count(*) AS n FROM improvement").map(r -> r.get("n", Long.class)).one().block()).isZero();

        long window = publish(admin, path, "Открыли второе окно", "queue", today);
        assertThat(notified(window)).isEqualTo(1); // the one who wrote of queues and did not turn the mail off
        assertThat(mailsTo("citizen1@load.test")).anySatisfy(mail -> assertThat(mail.subject()).contains("изменение по теме")
                .satisfies(s -> assertThat(mail.text()).contains("Открыли второе окно").contains("«Очереди и ожидание»")
                        .contains("/o/" + tree.unit() + "#improvements").contains("/account#notifications")));
        assertThat(mailsTo("citizen2@load.test")).noneSatisfy(mail -> assertThat(mail.subject()).contains("изменение"));
        // On politeness: the polite staff's citizen is told; the first citizen was told of a change 30 days ago or less.
        long training = publish(admin, path, "Тренинг для сотрудников", "politeness", today);
        assertThat(notified(training)).isEqualTo(1);
        assertThat(mailsTo("citizen3@load.test")).anySatisfy(mail -> assertThat(mail.text()).contains("Тренинг для сотрудников"))
                .noneSatisfy(mail -> assertThat(mail.text()).contains("Открыли второе окно"));
        assertThat(mailsTo("citizen1@load.test")).noneSatisfy(mail -> assertThat(mail.text()).contains("Тренинг"));
        assertThat(mailsTo("citizen4@load.test")).isEmpty();

        List<Map<String, Object>> published = web.get().uri("/api/v1/organizations/" + tree.unit() + "/improvements")
                .exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        assertThat(published).extracting(i -> i.get("title")).containsExactly("Тренинг для сотрудников", "Открыли второе окно");
        assertThat(published.get(1)).containsEntry("theme", "queue").containsEntry("effectiveOn", today.toString())
                .containsEntry("before", Map.of("mean", 1.8, "count", 2)).containsEntry("after", Map.of("mean", 5.0, "count", 1));
        assertThat(published.get(0)).containsEntry("before", Map.of("mean", 3.4, "count", 2)).containsEntry("after", mapOf(null, 0));

        // The public page, the feed.
        assertThat(page(web, "/o/" + tree.unit())).contains("Вы сказали — мы сделали").contains("Открыли второе окно")
                .contains("За 90 дней до: анкет на эту тему 2, средняя оценка 1,80.")
                .contains("За 90 дней после: анкет на эту тему 1, средняя оценка 5,00.");
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

    private static long publish(Staff admin, String path, String title, String theme, LocalDate effectiveOn) {
        return ((Number) admin.client().post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", title, "text", "Что сделано: " + title + ".", "theme", theme,
                        "effectiveOn", effectiveOn.toString()))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
    }

    /** The citizens told of the improvement, once its mails (queued behind the answer) are all queued. */
    private Integer notified(long improvement) {
        for (int i = 0; i < 200; i++) {
            Integer count = db.sql("SELECT notified FROM improvement WHERE id = :id").bind("id", improvement)
                    .map(r -> java.util.Optional.ofNullable(r.get("notified", Integer.class))).one().block().orElse(null);
            if (count != null) {
                return count;
            }
            sleep(50);
        }
        return null;
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

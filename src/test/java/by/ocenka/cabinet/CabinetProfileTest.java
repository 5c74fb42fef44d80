package by.ocenka.cabinet;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import by.ocenka.catalog.OfferedService;
import by.ocenka.catalog.OrganizationProfile;
import by.ocenka.support.PageSession;
import by.ocenka.support.SecondInstance;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * An organisation's admin keeps its details (for itself and its units): every instance shows them within two
 * seconds, each change is in the audit with what was there before, a wrong profile changes nothing, and nobody else
 * may touch it. The same through the cabinet's page, without JavaScript.
 */
class CabinetProfileTest extends CabinetTesting {

    private static final ParameterizedTypeReference<List<OfferedService>> SERVICES = new ParameterizedTypeReference<>() { };

    @Autowired
    Environment environment;

    @Test
    void anAdminKeepsTheDetailsAndEveryInstanceShowsThemWithinTwoSeconds() {
        Subtrees tree = tree();
        long unit = tree.unit();
        Staff admin = staff(Role.ORG_ADMIN, tree.body());
        try (SecondInstance second = new SecondInstance(environment)) {
            // Both instances keep the unit's detail as it was.
            String before = detail(web, unit).address();
            assertThat(detail(second.web, unit).address()).isEqualTo(before);

            Map<String, Object> profile = Map.of("address", "г. Минск, ул. Примерная, 1", "phone", "+375 17 123-45-67",
                    "email", "info@unit.example.by", "site", "https://unit.example.by", "hours", "пн–пт 8:00–17:00",
                    "description", "Принимаем граждан без записи.",
                    "services", List.of(Map.of("name", Map.of("ru", "Выдача справки"), "procedure", true),
                            Map.of("name", Map.of("ru", "Консультация", "be", "Кансультацыя"), "procedure", false)));
            OrganizationProfile saved = admin.client().put().uri("/api/v1/cabinet/organizations/" + unit + "/profile")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(profile).exchange().expectStatus().isOk()
                    .expectBody(OrganizationProfile.class).returnResult().getResponseBody();
            assertThat(saved.services()).extracting(s -> s.name().get("ru")).containsExactly("Выдача справки", "Консультация");
            assertThat(saved.services()).allSatisfy(s -> assertThat(s.id()).isNotNull());

            for (WebTestClient instance : List.of(web, second.web)) {
                await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    OrganizationDetail detail = detail(instance, unit);
                    assertThat(detail.address()).isEqualTo("г. Минск, ул. Примерная, 1");
                    assertThat(detail.email()).isEqualTo("info@unit.example.by");
                    assertThat(detail.description()).isEqualTo("Принимаем граждан без записи.");
                    assertThat(detail.services()).extracting(OfferedService::name).containsExactly("Выдача справки", "Консультация");
                });
            }
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(second.web.get().uri("/o/" + unit).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                            .expectBody(String.class).returnResult().getResponseBody())
                            .contains("Принимаем граждан без записи.").contains("info@unit.example.by").contains("Выдача справки"));
        }
        assertThat(web.get().uri("/api/v1/organizations/" + unit + "/services").header("Accept-Language", "be").exchange()
                .expectStatus().isOk().expectBody(SERVICES).returnResult().getResponseBody())
                .extracting(OfferedService::name, OfferedService::procedure)
                .containsExactly(tuple("Выдача справки", true),
                        tuple("Кансультацыя", false));

        // The audit has who changed what, with the old and the new values.
        assertThat(audit(admin, tree.body())).filteredOn(e -> e.action().equals("organization.profile")).singleElement()
                .satisfies(entry -> assertThat(entry.details()).contains("\"before\"").contains("\"after\"")
                        .contains("г. Минск, ул. Примерная, 1"));

        // A service renamed keeps its id (past questionnaires name it); one left out is retired, not deleted.
        OrganizationProfile current = profile(admin, unit);
        OrganizationProfile.Service kept = current.services().get(1);
        OrganizationProfile renamed = new OrganizationProfile(current.address(), current.phone(), current.email(),
                current.site(), current.hours(), current.description(),
                List.of(new OrganizationProfile.Service(kept.id(), Map.of("ru", "Консультация юриста"), false)));
        admin.client().put().uri("/api/v1/cabinet/organizations/" + unit + "/profile").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(renamed).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.services.length()").isEqualTo(1).jsonPath("$.services[0].id").isEqualTo(kept.id());
        assertThat(db.sql("""
                        SELECT count(*) AS n FROM organization_service
                        WHERE organization_id = :id AND name_ru = 'Выдача справки' AND retired_at IS NOT NULL""")
                .bind("id", unit).map(r -> r.get("n", Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void aWrongProfileChangesNothingAndOnlyTheAdminsAboveMayKeepIt() {
        Subtrees tree = tree();
        long unit = tree.unit();
        Staff admin = staff(Role.ORG_ADMIN, tree.body());
        OrganizationProfile before = profile(admin, unit);

        admin.client().put().uri("/api/v1/cabinet/organizations/" + unit + "/profile").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("address", "x", "email", "not-an-address", "site", "ftp://unit.by", "phone", "звоните",
                        "services", List.of(Map.of("name", Map.of("ru", " "), "procedure", false))))
                .exchange().expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field")
                .value(fields -> assertThat(((List<?>) fields).stream().map(String::valueOf).toList()).containsExactly("address", "phone", "email", "site",
                        "services[0].name.ru"));
        assertThat(profile(admin, unit)).isEqualTo(before);

        Map<String, Object> fine = Map.of("address", "г. Минск, ул. Другая, 2", "services", List.of());
        staff(Role.ORG_RESPONDER, unit).client().put().uri("/api/v1/cabinet/organizations/" + unit + "/profile")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(fine).exchange().expectStatus().isForbidden();
        staff(Role.ORG_RESPONDER, unit).client().get().uri("/api/v1/cabinet/organizations/" + unit + "/profile")
                .exchange().expectStatus().isForbidden();
        staff(Role.ORG_ADMIN, unit).client().put().uri("/api/v1/cabinet/organizations/" + tree.body() + "/profile")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(fine).exchange().expectStatus().isForbidden();
        admin.client().put().uri("/api/v1/cabinet/organizations/" + tree.outside() + "/profile")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(fine).exchange().expectStatus().isForbidden();
        admin.client().get().uri("/api/v1/cabinet/organizations/987654321/profile").exchange().expectStatus().isNotFound();
        citizen().put().uri("/api/v1/cabinet/organizations/" + unit + "/profile")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(fine).exchange().expectStatus().isForbidden();
        assertThat(profile(admin, unit)).isEqualTo(before);
    }

    @Test
    void theCabinetPageKeepsTheDetailsWithoutJavaScript() {
        Subtrees tree = tree();
        long unit = tree.unit();
        PageSession admin = pageAs(Role.ORG_ADMIN, tree.body());
        assertThat(admin.get("/cabinet/" + tree.body()).body()).contains("href=\"/cabinet/" + tree.body() + "/profile\"");
        PageSession.Page form = admin.get("/cabinet/" + unit + "/profile");
        assertThat(form.status().value()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"address\"").contains("name=\"s0.ru\"");

        PageSession.Page refused = admin.post("/cabinet/" + unit + "/profile", Map.of("address", "г. Минск, ул. Новая, 5",
                "email", "нет", "s0.id", "", "s0.ru", "Выдача справки", "s0.be", "", "s0.en", ""));
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"err-email\"").contains("value=\"г. Минск, ул. Новая, 5\"")
                .contains("value=\"Выдача справки\"").contains("href=\"#email\"");

        PageSession.Page saved = admin.post("/cabinet/" + unit + "/profile", Map.of("address", "г. Минск, ул. Новая, 5",
                "email", "", "hours", "пн–пт 9:00–18:00", "s0.id", "", "s0.ru", "Выдача справки", "s0.procedure", "on",
                "s1.id", "", "s1.ru", "", "s1.be", "", "s1.en", ""));
        assertThat(saved.status().value()).isEqualTo(303);
        PageSession.Page after = admin.get(saved.location());
        assertThat(after.body()).contains("Сведения сохранены").contains("value=\"Выдача справки\"")
                .contains("value=\"г. Минск, ул. Новая, 5\"");
        eventually(() -> assertThat(web.get().uri("/o/" + unit).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody())
                .contains("г. Минск, ул. Новая, 5").contains("Выдача справки").contains("административная процедура"));
    }

    private static OrganizationDetail detail(WebTestClient instance, long organization) {
        return instance.get().uri("/api/v1/organizations/" + organization).exchange().expectStatus().isOk()
                .expectBody(OrganizationDetail.class).returnResult().getResponseBody();
    }

    private static OrganizationProfile profile(Staff admin, long organization) {
        return admin.client().get().uri("/api/v1/cabinet/organizations/" + organization + "/profile").exchange()
                .expectStatus().isOk().expectBody(OrganizationProfile.class).returnResult().getResponseBody();
    }
}

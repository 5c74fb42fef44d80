package by.ocenka.cabinet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetRecords.Analytics;
import by.ocenka.cabinet.CabinetRecords.CabinetQuestionnaire;
import by.ocenka.cabinet.CabinetRecords.ServiceAnalytics;
import by.ocenka.catalog.OrganizationProfile;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.PageSession;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A citizen picks the service from the organisation's list (or writes another) and may name the employee: the
 * organisation sees both in its feed, export and analytics by service; nothing public ever names the employee.
 */
class CabinetServicesTest extends CabinetTesting {

    @Test
    void theServicePickedAndTheEmployeeReachTheOrganisationOnly() {
        Subtrees tree = tree();
        long unit = tree.unit();
        Staff admin = staff(Role.ORG_ADMIN, tree.body());
        long certificate = offer(admin, unit, "Выдача справки", "Консультация").get(0);
        List<WebTestClient> citizens = citizens(3);

        // A service that is not the organisation's: 400 on serviceId, nothing kept.
        citizens.get(0).post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "serviceId", 987654321L)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("serviceId");
        citizens.get(0).post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "employee", "х".repeat(121))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("employee");
        assertThat(db.sql("SELECT count(*) AS n FROM questionnaire").map(r -> r.get("n", Long.class)).one().block()).isZero();

        citizens.get(0).post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", LOW, "serviceId", certificate, "employee", "Иванова, окно 3",
                        "comment", "Долго ждали справку"))
                .exchange().expectStatus().isCreated();
        citizens.get(1).post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "serviceName", "Приём документов"))
                .exchange().expectStatus().isCreated();

        // The organisation: the service by its name, the employee, analytics and the export by service.
        List<CabinetQuestionnaire> items = feed(admin, tree.body(), "").items();
        assertThat(items).extracting(CabinetQuestionnaire::serviceName, CabinetQuestionnaire::employee)
                .containsExactlyInAnyOrder(tuple("Выдача справки", "Иванова, окно 3"), tuple("Приём документов", null));
        Analytics analytics = admin.client().get().uri("/api/v1/cabinet/organizations/" + tree.body() + "/analytics")
                .exchange().expectStatus().isOk().expectBody(Analytics.class).returnResult().getResponseBody();
        assertThat(analytics.byService()).extracting(ServiceAnalytics::service, ServiceAnalytics::ratingsCount)
                .contains(tuple("Выдача справки", 1L), tuple("Приём документов", 1L));
        String csv = admin.client().get().uri("/api/v1/cabinet/organizations/" + tree.body() + "/export?format=csv")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv.lines().findFirst().orElseThrow()).contains("employee");
        assertThat(csv).contains("Иванова, окно 3");

        // Nothing public names the employee.
        assertThat(web.get().uri("/api/v1/organizations/" + unit + "/reviews").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("Долго ждали справку")
                .contains("Выдача справки").doesNotContain("Иванова");
        eventually(() -> assertThat(web.get().uri("/o/" + unit).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("Долго ждали справку").doesNotContain("Иванова"));
        assertThat(web.get().uri("/o/" + unit + "/reviews.atom").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).doesNotContain("Иванова");
    }

    @Test
    void theFormOffersTheServicesAndTakesTheEmployeeWithoutJavaScript() {
        Subtrees tree = tree();
        long unit = tree.unit();
        Staff admin = staff(Role.ORG_ADMIN, tree.body());
        long registration = offer(admin, unit, "Регистрация по месту жительства").get(0);
        RatingTestSupport.citizens(db, 1, 1);
        PageSession citizen = new PageSession(web);
        citizen.get("/login");
        assertThat(citizen.post("/login", Map.of("email", "citizen1@load.test", "password", "pw-1-secret")).status().value())
                .isEqualTo(303);

        PageSession.Page form = citizen.get("/o/" + unit + "/rate");
        assertThat(form.body()).contains("name=\"serviceId\"").contains("Регистрация по месту жительства")
                .contains("value=\"other\"").contains("name=\"employee\"");
        Map<String, String> answers = new HashMap<>();
        RatingTestSupport.FIVES.forEach((code, score) -> answers.put("score." + code, String.valueOf(score)));
        answers.put("serviceId", String.valueOf(registration));
        answers.put("employee", "Петров");
        PageSession.Page sent = citizen.post("/o/" + unit + "/rate", answers);
        assertThat(sent.status().value()).isIn(200, 201, 303);
        assertThat(db.sql("SELECT service_id, service_name, employee FROM questionnaire WHERE organization_id = :unit")
                .bind("unit", unit).map(r -> List.of(String.valueOf(r.get("service_id", Long.class)),
                        r.get("service_name", String.class), r.get("employee", String.class))).one().block())
                .containsExactly(String.valueOf(registration), "Регистрация по месту жительства", "Петров");
    }

    /** The organisation's services set by its admin, the first a procedure; their ids in order. */
    private static List<Long> offer(Staff admin, long organization, String... services) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < services.length; i++) {
            list.add(Map.of("name", Map.of("ru", services[i]), "procedure", i == 0));
        }
        OrganizationProfile profile = admin.client().put().uri("/api/v1/cabinet/organizations/" + organization + "/profile")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("address", "г. Минск, ул. Примерная, 1", "services", list))
                .exchange().expectStatus().isOk().expectBody(OrganizationProfile.class).returnResult().getResponseBody();
        return profile.services().stream().map(OrganizationProfile.Service::id).toList();
    }
}

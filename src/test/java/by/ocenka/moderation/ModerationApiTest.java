package by.ocenka.moderation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.Unp;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests to add organisations, the moderators' queue and the registry import, over HTTP. */
class ModerationApiTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    long organizations;

    @BeforeEach
    void loadMinsk() {
        organizations = demo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
    }

    @Test
    void citizenAsksModeratorApprovesWithCorrectionsAndTheOrganisationIsFound() {
        WebTestClient citizen = citizen();
        long requestId = submit(citizen, Map.of("name", "Парикмахерская «Локон» КУП Минский бытсервис",
                "address", "г. Минск, ул. Сурганова, 12", "sphereId", 11, "comment", "Нет в списке"))
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id") instanceof Number n ? n.longValue() : -1;
        citizen.get().uri("/api/v1/me/organization-requests").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].status").isEqualTo("PENDING");
        // Not yet in the catalogue.
        web.get().uri(b -> b.path("/api/v1/organizations").queryParam("q", "Локон").build()).exchange()
                .expectBody().jsonPath("$.total").isEqualTo(0);

        // A citizen may not decide.
        citizen.post().uri("/api/v1/moderation/organization-requests/" + requestId + "/reject")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "no")).exchange()
                .expectStatus().isForbidden();

        WebTestClient moderator = loggedInAs(Role.MODERATOR, null);
        moderator.get().uri("/api/v1/moderation/organization-requests").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(requestId);
        int district = db.sql("SELECT id FROM district WHERE name_ru = 'Первомайский район'")
                .map(r -> r.get("id", Integer.class)).one().block();
        int category = db.sql("SELECT id FROM category WHERE sphere_id = 11 ORDER BY id LIMIT 1")
                .map(r -> r.get("id", Integer.class)).one().block();
        // A site that is no web address (a script on the public page) is refused, and nothing is decided.
        for (String site : List.of("javascript:alert(document.cookie)", "JavaScript://x%0Aalert(1)", "data:text/html,x")) {
            moderator.post().uri("/api/v1/moderation/organization-requests/" + requestId + "/approve")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("categoryId", category, "districtId", district, "site", site))
                    .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("site");
        }
        Map<?, ?> approved = moderator.post().uri("/api/v1/moderation/organization-requests/" + requestId + "/approve")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Парикмахерская «Локон»", "categoryId", category, "districtId", district,
                        "lat", 53.93, "lon", 27.64, "site", "https://lokon.by"))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(approved.get("status")).isEqualTo("APPROVED");
        long organizationId = ((Number) approved.get("organizationId")).longValue();

        web.get().uri("/api/v1/organizations/" + organizationId).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("Парикмахерская «Локон»")
                .jsonPath("$.address").isEqualTo("г. Минск, ул. Сурганова, 12")
                .jsonPath("$.region.name").isEqualTo("г. Минск")
                .jsonPath("$.district.name").isEqualTo("Первомайский район")
                .jsonPath("$.site").isEqualTo("https://lokon.by");
        // Rows stored before the check: the page shows no link for them.
        db.sql("UPDATE organization SET site = 'javascript:alert(1)' WHERE id = :id").bind("id", organizationId).then().block();
        clearCaches();
        assertThat(web.get().uri("/o/" + organizationId).exchange().expectBody(String.class).returnResult().getResponseBody())
                .doesNotContain("javascript:").contains("Парикмахерская «Локон»");
        web.get().uri(b -> b.path("/api/v1/organizations").queryParam("q", "Локон").build()).exchange()
                .expectBody().jsonPath("$.items[0].id").isEqualTo(organizationId);

        // Decided once only.
        moderator.post().uri("/api/v1/moderation/organization-requests/" + requestId + "/reject")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "Дубликат")).exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void rejectionReasonReachesTheCitizen() {
        WebTestClient citizen = citizen();
        long requestId = ((Number) submit(citizen, Map.of("name", "Магазин у дома", "address", "г. Минск", "sphereId", 12))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
        WebTestClient moderator = loggedInAs(Role.MODERATOR, null);
        moderator.post().uri("/api/v1/moderation/organization-requests/" + requestId + "/reject")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        moderator.post().uri("/api/v1/moderation/organization-requests/" + requestId + "/reject")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "Частный магазин: портал оценивает государственные организации")).exchange()
                .expectStatus().isOk();
        citizen.get().uri("/api/v1/me/organization-requests").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].status").isEqualTo("REJECTED")
                .jsonPath("$.items[0].reason").isEqualTo("Частный магазин: портал оценивает государственные организации");
        assertThat(count("organization")).isEqualTo(organizations);
    }

    @Test
    void requestsNeedALoginAndValidInput() {
        withCsrf().post().uri("/api/v1/organization-requests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Школа", "address", "Минск", "sphereId", 2)).exchange()
                .expectStatus().isUnauthorized();
        WebTestClient citizen = citizen();
        submit(citizen, Map.of("name", "Школа №1", "address", "Минск", "sphereId", 999)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sphereId");
        submit(citizen, Map.of("name", "Школа №1", "address", "Минск", "sphereId", 2, "unp", "123456789"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("unp");
        submit(citizen, Map.of("address", "Минск", "sphereId", 2)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        assertThat(count("org_request")).isZero();
    }

    @Test
    void registryImportAddsTheWholeFileUnderItsParents() {
        String parentUnp = db.sql("SELECT unp FROM organization WHERE name = 'Минский городской исполнительный комитет'")
                .map(r -> r.get("unp", String.class)).one().block();
        String csv = """
                name;unp;address;sphere;category;parent_unp;lat;lon
                Управление по образованию администрации района;%1$s;г. Минск, ул. Кульман, 3;2;%3$s;%2$s;53.92;27.58
                "Гимназия №7, корпус \"\"Б\"\"\";%4$s;г. Минск, ул. Кульман, 9;2;%3$s;%1$s;;
                """.formatted(unp(11), parentUnp, schoolCategory(), unp(12));
        admin().post().uri("/api/v1/moderation/registry-imports").contentType(MediaType.valueOf("text/csv"))
                .bodyValue(csv).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.imported").isEqualTo(2);
        assertThat(count("organization")).isEqualTo(organizations + 2);
        Map<String, Object> gymnasium = db.sql("""
                        SELECT o.name, p.name AS parent, d.name_ru AS district FROM organization o
                        JOIN organization p ON p.id = o.parent_id JOIN district d ON d.id = o.district_id
                        WHERE o.unp = :unp""").bind("unp", unp(12)).fetch().one().block();
        assertThat(gymnasium).containsEntry("name", "Гимназия №7, корпус \"Б\"")
                .containsEntry("parent", "Управление по образованию администрации района");
        assertThat(gymnasium.get("district")).isNotNull();
    }

    @Test
    void aRegistryWithABadRowChangesNothingAndNamesEveryFault() {
        String csv = """
                name,unp,address,sphere,category,parent_unp,lat,lon
                Хорошая школа,%1$s,г. Минск,2,%2$s,,53.9,27.5
                Школа с плохим УНП,123456789,г. Минск,2,%2$s,,53.9,27.5
                Школа без родителя,,г. Минск,2,%2$s,999999999,,
                ,,,,,,,
                Школа в море,,г. Минск,EDUCATION,NO_SUCH_CATEGORY,,123,27.5
                """.formatted(unp(21), schoolCategory());
        admin().post().uri("/api/v1/moderation/registry-imports").contentType(MediaType.valueOf("text/csv"))
                .bodyValue(csv).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .contains("row[3].unp", "row[4].parent_unp", "row[6].category", "row[6].lat")
                        .noneMatch(f -> f.startsWith("row[2].")));
        assertThat(count("organization")).isEqualTo(organizations);
    }

    @Test
    void onlyModeratorsAndAdminsImport() {
        citizen().post().uri("/api/v1/moderation/registry-imports").contentType(MediaType.valueOf("text/csv"))
                .bodyValue("name,address,sphere,category\nX,Y,2,1\n").exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/forbidden");
        assertThat(count("organization")).isEqualTo(organizations);
    }

    private WebTestClient admin() {
        return loggedInAs(Role.ADMIN, null);
    }

    private WebTestClient.ResponseSpec submit(WebTestClient client, Map<String, Object> body) {
        return client.post().uri("/api/v1/organization-requests").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private long count(String table) {
        return db.sql("SELECT count(*) AS n FROM " + table).map(r -> r.get("n", Long.class)).one().block();
    }

    private int schoolCategory() {
        return db.sql("SELECT id FROM category WHERE sphere_id = 2 ORDER BY id LIMIT 1").map(r -> r.get("id", Integer.class)).one().block();
    }

    /** A valid UNP not used by the demo data (theirs start with the region's digit 1..7; these with 9). */
    private static String unp(int n) {
        for (int base = n; ; base += 1000) {
            String firstEight = "9" + String.format("%07d", base);
            int check = Unp.checkDigit(firstEight);
            if (check < 10) {
                return firstEight + check;
            }
        }
    }
}

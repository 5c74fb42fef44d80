package by.ocenka.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write endpoint, fed what a fuzzer would send (broken JSON, wrong types, huge numbers, deep nesting, invalid
 * UTF-8, long strings, forms with junk): only 4xx answers, never a 500, and nothing written.
 */
class MalformedInputTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    private static final List<String> TABLES = List.of("app_user", "user_role", "questionnaire", "questionnaire_reply",
            "org_request", "criterion", "account_certificate", "organization", "account_token");
    /**
     * Endpoints whose every field is optional or whose answer is the same for any well-formed request (202 always):
     * a body of the wrong shape is, to them, an empty request. They must still never fail or write.
     */
    private static final Set<String> LENIENT = Set.of("/api/v1/auth/password-reset",
            "/api/v1/cabinet/alerts");

    private static List<byte[]> jsonBodies() {
        List<String> texts = new ArrayList<>(List.of("", "{", "[1, \"x\"]", "null", "true", "\"text\"", "123",
                "{\"email\": 123, \"password\": [], \"displayName\": {}}",
                "{\"scores\": \"five\"}", "{\"scores\": {\"SIMPLICITY\": \"5\"}}",
                "{\"scores\": {\"SIMPLICITY\": 99999999999999999999999999}}", "{\"scores\": {\"SIMPLICITY\": 1e999999}}",
                "{\"scores\": {\"SIMPLICITY\": -1, \"OVERALL\": 5.5}, \"serviceDate\": \"31.02.2026\"}",
                "{\"text\": 12, \"maxMean\": \"low\", \"digest\": 7}", "[{\"code\": null, \"name\": \"x\"}]",
                "{\"role\": \"SUPERUSER\", \"email\": \"a@b\", \"displayName\": \"a\"}",
                "{\"categoryId\": \"x\", \"districtId\": 1e309, \"lat\": \"north\"}",
                "{\"certificate\": 5, \"role\": null}", "{\"displayName\": \"" + "ж".repeat(100_000) + "\"}"));
        texts.add("[".repeat(5000) + "]".repeat(5000));
        texts.add("{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
        List<byte[]> bodies = new ArrayList<>(texts.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList());
        bodies.add(new byte[]{'{', '"', 'e', 'm', 'a', 'i', 'l', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.add(new byte[]{(byte) 0xFF, (byte) 0xFE, 0, 0});
        return bodies;
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, db.sql("SELECT count(*) FROM " + table).map(r -> r.get(0, Long.class)).one().block());
        }
        return counts;
    }

    @Test
    void everyWriteEndpointAnswersMalformedJsonWith4xxAndWritesNothing() {
        apiContract().requestsAreMalformedOnPurpose();
        Subtrees tree = Subtrees.load(demo, db);
        WebTestClient admin = loggedInAs(Role.ADMIN, null);
        WebTestClient orgAdmin = loggedInAs(Role.ORG_ADMIN, tree.body());
        WebTestClient citizen = citizen();
        record Endpoint(HttpMethod method, String path, WebTestClient client) {
        }
        List<Endpoint> endpoints = List.of(
                new Endpoint(HttpMethod.POST, "/api/v1/auth/register", withCsrf()),
                new Endpoint(HttpMethod.POST, "/api/v1/auth/login", withCsrf()),
                new Endpoint(HttpMethod.POST, "/api/v1/auth/confirm", withCsrf()),
                new Endpoint(HttpMethod.POST, "/api/v1/auth/password-reset", withCsrf()),
                new Endpoint(HttpMethod.POST, "/api/v1/auth/password-reset/confirm", withCsrf()),
                new Endpoint(HttpMethod.POST, "/api/v1/auth/certificate", withCsrf()),
                new Endpoint(HttpMethod.PATCH, "/api/v1/me", citizen),
                new Endpoint(HttpMethod.POST, "/api/v1/me/password", citizen),
                new Endpoint(HttpMethod.POST, "/api/v1/organizations/" + tree.unit() + "/ratings", citizen),
                new Endpoint(HttpMethod.POST, "/api/v1/organization-requests", citizen),
                new Endpoint(HttpMethod.POST, "/api/v1/cabinet/questionnaires/1/reply", orgAdmin),
                // (an empty list is a valid "no criteria of our own": not among the bodies' shapes below for it)
                new Endpoint(HttpMethod.PUT, "/api/v1/cabinet/organizations/" + tree.body() + "/criteria", orgAdmin),
                new Endpoint(HttpMethod.PUT, "/api/v1/cabinet/alerts", orgAdmin),
                new Endpoint(HttpMethod.POST, "/api/v1/cabinet/organizations/" + tree.body() + "/staff", orgAdmin),
                new Endpoint(HttpMethod.POST, "/api/v1/moderation/organization-requests/1/approve", admin),
                new Endpoint(HttpMethod.POST, "/api/v1/moderation/organization-requests/1/reject", admin),
                new Endpoint(HttpMethod.POST, "/api/v1/admin/org-admins", admin));
        Map<String, Long> before = counts();
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (byte[] body : jsonBodies()) {
                int status = endpoint.client().method(endpoint.method()).uri(endpoint.path())
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                        .expectBody().returnResult().getStatus().value();
                if (status >= 500 || status < 400 && !LENIENT.contains(endpoint.path())) {
                    failures.add(endpoint.method() + " " + endpoint.path() + " <- "
                            + new String(body, 0, Math.min(60, body.length), StandardCharsets.UTF_8) + " : " + status);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void everyPageFormAnswersJunkWith4xxOrItsOwnPageAndWritesNothing() {
        Subtrees tree = Subtrees.load(demo, db);
        WebTestClient orgAdmin = loggedInAs(Role.ORG_ADMIN, tree.body());
        WebTestClient citizen = citizen();
        Map<String, WebTestClient> forms = new LinkedHashMap<>();
        forms.put("/login", withCsrf());
        forms.put("/register", withCsrf());
        forms.put("/password-reset/confirm", withCsrf());
        forms.put("/o/" + tree.unit() + "/rate", citizen);
        forms.put("/account/name", citizen);
        forms.put("/account/password", citizen);
        forms.put("/cabinet/" + tree.body() + "/settings/criteria", orgAdmin);
        forms.put("/cabinet/" + tree.body() + "/settings/staff", orgAdmin);
        forms.put("/cabinet/" + tree.body() + "/settings/alerts", orgAdmin);
        forms.put("/cabinet/" + tree.body() + "/settings/staff/1/remove", orgAdmin);
        forms.put("/cabinet/" + tree.body() + "/questionnaires/1/reply", orgAdmin);
        List<String> junk = List.of("", "score.SIMPLICITY=99999999999999999999&score.OVERALL=x&serviceDate=2026-13-45",
                "email=%C3%28&password=%FF&displayName=%00", "maxMean=1e999&digest=%E2%80&role=ROOT&organization=x",
                "code=" + "A".repeat(5000) + "&ru=&be=&en=", "text=" + "ж".repeat(10_000), "%%%&&&===");
        Map<String, Long> before = counts();
        List<String> failures = new ArrayList<>();
        forms.forEach((path, client) -> junk.forEach(body -> {
            int status = client.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(body)
                    .exchange().expectBody().returnResult().getStatus().value();
            // A page may answer its own form again (200), or send the visitor on (303); never a server error.
            if (status >= 500) {
                failures.add("POST " + path + " <- " + body.substring(0, Math.min(60, body.length())) + " : " + status);
            }
        }));
        assertThat(failures).isEmpty();
        assertThat(counts()).isEqualTo(before);
    }
}

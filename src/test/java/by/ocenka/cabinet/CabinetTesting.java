package by.ocenka.cabinet;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetRecords.CabinetQuestionnaire;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.Page;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.Subtrees;
import by.ocenka.support.TestClients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * What the cabinet's tests share: a body with a unit below it and an organisation outside (from the demo catalogue),
 * staff of either role signed in, citizens rating, the live stream, the captured mail, and the answers read as the
 * portal's own records.
 */
abstract class CabinetTesting extends IntegrationTest {

    static final ParameterizedTypeReference<Page<CabinetQuestionnaire>> FEED = new ParameterizedTypeReference<>() { };
    static final ParameterizedTypeReference<Page<AuditLog.Entry>> AUDIT = new ParameterizedTypeReference<>() { };
    static final Map<String, Integer> LOW = Map.of("SIMPLICITY", 2, "INFORMATION", 2, "TIMELINESS", 1, "POLITENESS", 2,
            "OVERALL", 2);

    @Autowired
    CatalogDemoData demo;
    @Autowired
    WebServerApplicationContext context;

    /** A signed-in staff member and the session id (for streams). */
    record Staff(WebTestClient client, String session) {
    }

    /** A mail the portal sent, as the dev inbox lists it. */
    record Mail(String to, String subject, String text) {
    }

    Subtrees tree() {
        return Subtrees.load(demo, db);
    }

    /** A new staff account with this organisation role, signed in. */
    Staff staff(Role role, long organization) {
        String email = role.name().toLowerCase(Locale.ROOT) + System.nanoTime() + "@org.test";
        accounts.create(email, "staff password " + role, "Сотрудник " + role, true, role, organization)
                .block(Duration.ofSeconds(30));
        WebTestClient csrf = withCsrf();
        String session = csrf.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "staff password " + role))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseCookies().getFirst("SESSION").getValue();
        return new Staff(csrf.mutate().defaultCookie("SESSION", session).build(), session);
    }

    /** Citizens {@code citizen1..count@load.test}, signed in. */
    List<WebTestClient> citizens(int count) {
        RatingTestSupport.citizens(db, 1, count);
        return RatingTestSupport.sessions(web, 1, count);
    }

    /** A rating through the public API; its questionnaire's id. */
    static long rate(WebTestClient citizen, long organization, Map<String, Integer> scores, String comment) {
        Map<String, Object> body = comment == null ? Map.of("scores", scores) : Map.of("scores", scores, "comment", comment);
        return ((Number) citizen.post().uri("/api/v1/organizations/" + organization + "/ratings")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
    }

    static Page<CabinetQuestionnaire> feed(Staff staff, long organization, String query) {
        return staff.client().get().uri("/api/v1/cabinet/organizations/" + organization + "/questionnaires" + query)
                .exchange().expectStatus().isOk().expectBody(FEED).returnResult().getResponseBody();
    }

    static List<AuditLog.Entry> audit(Staff admin, long organization) {
        return admin.client().get().uri("/api/v1/cabinet/organizations/" + organization + "/audit").exchange()
                .expectStatus().isOk().expectBody(AUDIT).returnResult().getResponseBody().items();
    }

    List<Mail> mailsTo(String email) {
        return web.get().uri("/dev/mail").accept(MediaType.APPLICATION_JSON).exchange()
                .expectBody(new ParameterizedTypeReference<List<Mail>>() { }).returnResult().getResponseBody()
                .stream().filter(mail -> email.equals(mail.to())).toList();
    }

    /** The cabinet's live stream: its opening comment and the questionnaires. */
    Flux<ServerSentEvent<Map<String, Object>>> events(String session, long organization, String lastEventId) {
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

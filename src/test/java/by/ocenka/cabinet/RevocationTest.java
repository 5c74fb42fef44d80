package by.ocenka.cabinet;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.cabinet.internal.Alerts;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.Subtrees;
import by.ocenka.support.TestClients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Taking a colleague's role away reaches everything they held open through it: their cabinet's live feed closes at
 * once, their alerts and digests for that organisation go, and a mail is sent only to someone who still holds a role
 * there when it is sent.
 */
class RevocationTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    @LocalServerPort
    int port;

    @Test
    void aRoleTakenAwayClosesTheFeedAndDropsTheAlerts() {
        Subtrees tree = Subtrees.load(demo, db);
        String email = "desk" + System.nanoTime() + "@unit.test";
        accounts.create(email, "desk password 2026", "Дежурный", true, Role.ORG_RESPONDER, tree.unit())
                .block(Duration.ofSeconds(30));
        WebTestClient csrf = withCsrf();
        String session = csrf.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "desk password 2026")).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("SESSION").getValue();
        WebTestClient desk = csrf.mutate().defaultCookie("SESSION", session).build();
        desk.put().uri("/api/v1/cabinet/alerts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("maxMean", 3, "digest", "daily")).exchange().expectStatus().isOk();
        long userId = db.sql("SELECT id FROM app_user WHERE email = :e").bind("e", email).map(r -> r.get(0, Long.class)).one().block();
        WebTestClient admin = loggedInAs(Role.ORG_ADMIN, tree.body());

        StepVerifier.create(TestClients.webClient("http://localhost:" + port).get()
                        .uri("/api/v1/cabinet/organizations/{id}/events", tree.unit()).cookie("SESSION", session)
                        .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                        .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { }))
                .expectNextMatches(opening -> opening.comment() != null)
                .then(() -> admin.delete().uri("/api/v1/cabinet/organizations/{id}/staff/{user}?role=ORG_RESPONDER",
                        tree.unit(), userId).exchange().expectStatus().isNoContent())
                // The stream ends the moment the role goes, not at its next heartbeat or the session's timeout.
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        eventually(() -> assertThat(db.sql("SELECT count(*) FROM cabinet_alert WHERE user_id = :u").bind("u", userId)
                .map(r -> r.get(0, Long.class)).one().block()).isZero());
        desk.get().uri("/api/v1/cabinet/organizations").exchange().expectStatus().isUnauthorized();
    }

    /** An alert whose holder lost the role (a row left behind) mails nobody: the recipient is checked when it is sent. */
    @Test
    void alertsAreSentOnlyToWhoStillHoldsTheRole() {
        Subtrees tree = Subtrees.load(demo, db);
        accounts.create("former@unit.test", "former password 1", "Бывший", true, Role.CITIZEN, null)
                .block(Duration.ofSeconds(30));
        // A colleague who does hold the role, made after the former one: alerts are sent in the order of the accounts.
        accounts.create("current@unit.test", "current password 1", "Нынешний", true, Role.ORG_RESPONDER, tree.unit())
                .block(Duration.ofSeconds(30));
        db.sql("""
                INSERT INTO cabinet_alert (user_id, organization_id, max_mean, digest, last_digest_at)
                SELECT id, :org, 5, 'daily', now() - interval '2 days' FROM app_user
                WHERE email IN ('former@unit.test', 'current@unit.test')""")
                .bind("org", tree.unit()).then().block();
        clearCaches();
        RatingTestSupport.citizens(db, 1, 1);
        RatingTestSupport.sessions(web, 1, 1).get(0).post().uri("/api/v1/organizations/{id}/ratings", tree.unit())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", "Хорошо"))
                .exchange().expectStatus().isCreated();
        eventually(() -> assertThat(mailsTo("current@unit.test")).hasSize(1));
        alerts.sendDigests().block(Duration.ofSeconds(30));
        assertThat(mailsTo("current@unit.test")).hasSize(2);
        assertThat(mailsTo("former@unit.test")).isEmpty();
        // The former's alert is dropped when its digest found nobody to send it to.
        assertThat(db.sql("SELECT count(*) FROM cabinet_alert c JOIN app_user u ON u.id = c.user_id "
                + "WHERE u.email = 'former@unit.test'").map(r -> r.get(0, Long.class)).one().block()).isZero();
    }

    @Autowired
    Alerts alerts;

    private List<?> mailsTo(String email) {
        List<?> inbox = web.get().uri("/dev/mail").accept(MediaType.APPLICATION_JSON).exchange()
                .expectBody(List.class).returnResult().getResponseBody();
        return inbox.stream().filter(mail -> email.equals(((Map<?, ?>) mail).get("to"))).toList();
    }
}

package by.ocenka.cabinet;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.cabinet.internal.Alerts;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.Subtrees;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Alerts: a low score mailed once to the staff who asked, the digest sent once a day. */
class AlertsTest extends CabinetTesting {

    @Autowired
    Alerts alerts;

    @Test
    void alertsMailLowScoresOnceAndDigestsAreSentOnce() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        List<WebTestClient> citizens = citizens(2);
        String email = "alerts" + System.nanoTime() + "@org.test";
        accounts.create(email, "staff password alerts", "Дежурный", true, Role.ORG_ADMIN, body).block(Duration.ofSeconds(30));
        WebTestClient admin = loggedIn(email, "staff password alerts");

        admin.put().uri("/api/v1/cabinet/alerts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("maxMean", 2, "digest", "hourly")).exchange().expectStatus().isBadRequest();
        admin.put().uri("/api/v1/cabinet/alerts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("maxMean", 2, "digest", "daily")).exchange().expectStatus().isOk();
        admin.get().uri("/api/v1/cabinet/alerts").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.maxMean").isEqualTo(2.0).jsonPath("$.digest").isEqualTo("daily");

        citizens.get(1).post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isCreated();
        citizens.get(0).post().uri("/api/v1/organizations/" + unit + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", Map.of("SIMPLICITY", 1, "INFORMATION", 1, "TIMELINESS", 1, "POLITENESS", 2,
                        "OVERALL", 1), "comment", "Грубо ответили")).exchange().expectStatus().isCreated();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(email).size() == 1);
        assertThat(mailsTo(email).get(0).text()).contains("Грубо ответили").contains("1.20");

        // A day later the digest is due: whoever claims it first (this call or the background job) sends it.
        db.sql("UPDATE cabinet_alert SET last_digest_at = now() - interval '25 hours'").then().block();
        alerts.sendDigests().block(Duration.ofSeconds(30));
        assertThat(alerts.sendDigests().block(Duration.ofSeconds(30))).as("claimed once a day").isZero();
        List<Mail> mails = mailsTo(email);
        assertThat(mails).hasSize(2);
        assertThat(mails).filteredOn(mail -> mail.text().contains("анкет: 2")).hasSize(1);
    }
}

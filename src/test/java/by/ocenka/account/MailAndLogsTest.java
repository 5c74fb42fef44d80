package by.ocenka.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import by.ocenka.support.IntegrationTest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Mail really leaves over SMTP (GreenMail as the server) from the outbox, without the request waiting for it; and
 * with chatty logging on, no password or token reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"ocenka.mail.poll-interval=200ms",
        "logging.level.org.springframework.security=DEBUG", "logging.level.org.springframework.web=DEBUG",
        "logging.level.org.springframework.r2dbc=DEBUG", "logging.level.org.springframework.mail=DEBUG",
        "logging.level.by.ocenka=DEBUG"})
class MailAndLogsTest extends IntegrationTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Test
    void confirmationMailIsDeliveredOverSmtp() throws Exception {
        withCsrf().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "smtp@example.by", "password", "Mogilev-bridge-1267", "displayName", "Почта"))
                .exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessagesForDomain("smtp@example.by").length > 0);
        MimeMessage message = smtp.getReceivedMessagesForDomain("smtp@example.by")[0];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("smtp@example.by");
        assertThat(message.getSubject()).isEqualTo("Подтвердите адрес на портале Ocenka");
        assertThat((String) message.getContent()).contains("/confirm?token=").contains("Почта");
        await().atMost(Duration.ofSeconds(5)).until(() -> db.sql("SELECT sent_at FROM mail_outbox")
                .map(r -> r.get("sent_at") != null).one().block());
        // Sent, the link no longer stays readable in the outbox.
        assertThat(db.sql("SELECT body FROM mail_outbox").map(r -> r.get("body", String.class)).one().block())
                .doesNotContain("token").isEmpty();
    }

    @Test
    void noPasswordOrTokenIsLogged(CapturedOutput output) {
        String password = "Secret-Lida-castle-1323";
        WebTestClient client = withCsrf();
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "quiet@example.by", "password", password, "displayName", "Тихий"))
                .exchange().expectStatus().isAccepted();
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "quiet@example.by", "password", password)).exchange().expectStatus().isOk();
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "quiet@example.by", "password", "Wrong-" + password)).exchange()
                .expectStatus().isUnauthorized();
        client.post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "quiet@example.by")).exchange().expectStatus().isAccepted();
        String token = db.sql("SELECT body FROM mail_outbox WHERE subject LIKE 'Сброс%'")
                .map(r -> r.get("body", String.class)).one().block();
        token = token.substring(token.indexOf("token=") + 6).split("\\s")[0];
        String session = loggedIn("quiet@example.by", password).get().uri("/api/v1/me").exchange()
                .expectBody().returnResult().getRequestHeaders().getFirst("Cookie");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.sql("SELECT count(*) AS n FROM mail_outbox WHERE sent_at IS NULL")
                .map(r -> r.get("n", Long.class)).one().block() == 0);

        assertThat(output.getAll()).isNotEmpty()
                .doesNotContain(password)
                .doesNotContain(token)
                .doesNotContain(session.replaceAll(".*SESSION=([^;]+).*", "$1"));
    }
}

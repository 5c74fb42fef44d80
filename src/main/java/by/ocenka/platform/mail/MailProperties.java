package by.ocenka.platform.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from         the sender address of the portal's mail
 * @param pollInterval how often the outbox is sent
 */
@ConfigurationProperties("ocenka.mail")
public record MailProperties(String from, Duration pollInterval) {

    public MailProperties {
        from = from == null || from.isBlank() ? "Ocenka <no-reply@ocenka.by>" : from;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
    }
}

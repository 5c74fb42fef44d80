package by.ocenka.platform;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Outgoing mail: queued in PostgreSQL by whatever causes it, in the caller's transaction, and sent by the mail
 * worker off the event loop, with retries. A request never waits for SMTP.
 */
@Component
public class MailOutbox {

    private final DatabaseClient db;

    MailOutbox(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> queue(String to, String subject, String text) {
        return db.sql("INSERT INTO mail_outbox (recipient, subject, body) VALUES (:to, :subject, :body)")
                .bind("to", to).bind("subject", subject).bind("body", text).then();
    }
}

package by.ocenka.platform.mail;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The mail outbox as the sender and the local inbox page read it ({@link by.ocenka.platform.MailOutbox} queues). */
@Repository
class MailStore {

    /** A queued or sent message, as {@code /dev/mail} lists it. */
    record Mail(long id, String to, String subject, String text, OffsetDateTime createdAt, OffsetDateTime sentAt) {
    }

    private final DatabaseClient db;

    MailStore(DatabaseClient db) {
        this.db = db;
    }

    /** The newest first; only those to {@code recipient} when it is given (ignoring case). */
    Mono<List<Mail>> latest(int limit, String recipient) {
        return db.sql("""
                        SELECT id, recipient, subject, body, created_at, sent_at FROM mail_outbox
                        WHERE :recipient = '' OR lower(recipient) = lower(:recipient)
                        ORDER BY id DESC LIMIT :limit""")
                .bind("limit", limit)
                .bind("recipient", recipient == null ? "" : recipient.strip())
                .map(row -> new Mail(row.get("id", Long.class), row.get("recipient", String.class),
                        row.get("subject", String.class), row.get("body", String.class),
                        row.get("created_at", OffsetDateTime.class), row.get("sent_at", OffsetDateTime.class)))
                .all().collectList();
    }

    /** Claims due messages for five minutes, so that several instances never send one twice. */
    Mono<List<Mail>> claimDue(int limit) {
        return db.sql("""
                        UPDATE mail_outbox SET next_attempt_at = now() + interval '5 minutes'
                        WHERE id IN (SELECT id FROM mail_outbox
                                     WHERE sent_at IS NULL AND next_attempt_at <= now() AND attempts < 10
                                     ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING id, recipient, subject, body, created_at""")
                .bind("limit", limit)
                .map(row -> new Mail(row.get("id", Long.class), row.get("recipient", String.class),
                        row.get("subject", String.class), row.get("body", String.class),
                        row.get("created_at", OffsetDateTime.class), null))
                .all().collectList();
    }

    Mono<Void> sent(long id) {
        // The text goes once it is sent: it may carry a reset or confirmation link that must not stay readable here.
        return db.sql("UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1, body = '' WHERE id = :id")
                .bind("id", id).then();
    }

    /** Backs off exponentially: 30 s, 1 min, 2 min... */
    Mono<Void> failed(long id, String error) {
        return db.sql("""
                        UPDATE mail_outbox SET attempts = attempts + 1, last_error = left(:error, 500),
                               next_attempt_at = now() + make_interval(secs => 30 * power(2, attempts))
                        WHERE id = :id""")
                .bind("id", id).bind("error", error == null ? "unknown" : error).then();
    }
}

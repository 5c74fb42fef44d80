package by.ocenka.account.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

import by.ocenka.account.AccountCertificates.Registered;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The SQL of the certificates registered to accounts. */
@Repository
public class CertificateRepository {

    private final DatabaseClient db;

    CertificateRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The live account this fingerprint is registered to. */
    public Mono<Long> holder(String fingerprint) {
        return db.sql("""
                        SELECT c.user_id FROM account_certificate c JOIN app_user u ON u.id = c.user_id
                        WHERE c.fingerprint = :fingerprint AND u.deleted_at IS NULL""")
                .bind("fingerprint", fingerprint)
                .map(row -> row.get("user_id", Long.class))
                .one();
    }

    /** Registers the certificate to the account; answers the account it is registered to (another one: taken). */
    public Mono<Long> register(long userId, String fingerprint, String subject, Instant notAfter) {
        return db.sql("""
                        INSERT INTO account_certificate (fingerprint, user_id, subject, not_after)
                        VALUES (:fingerprint, :user, :subject, :notAfter)
                        ON CONFLICT (fingerprint) DO UPDATE SET fingerprint = EXCLUDED.fingerprint
                        RETURNING user_id""")
                .bind("fingerprint", fingerprint)
                .bind("user", userId)
                .bind("subject", subject.length() > 1000 ? subject.substring(0, 1000) : subject)
                .bind("notAfter", notAfter.atOffset(ZoneOffset.UTC))
                .map(row -> row.get("user_id", Long.class))
                .one();
    }

    public Flux<Registered> ofUsers(Collection<Long> userIds) {
        return db.sql("""
                        SELECT c.fingerprint, c.subject, c.not_after, c.created_at, u.id, u.email, u.display_name
                        FROM account_certificate c JOIN app_user u ON u.id = c.user_id
                        WHERE c.user_id = ANY(:users) AND u.deleted_at IS NULL
                        ORDER BY u.display_name, c.created_at""")
                .bind("users", userIds.toArray(Long[]::new))
                .map(row -> new Registered(row.get("fingerprint", String.class), row.get("subject", String.class),
                        row.get("not_after", OffsetDateTime.class).toInstant(), row.get("id", Long.class),
                        row.get("email", String.class), row.get("display_name", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** Removes the registration when it belongs to one of these accounts; answers whether it did. */
    public Mono<Boolean> remove(String fingerprint, Collection<Long> userIds) {
        return db.sql("DELETE FROM account_certificate WHERE fingerprint = :fingerprint AND user_id = ANY(:users)")
                .bind("fingerprint", fingerprint)
                .bind("users", userIds.toArray(Long[]::new))
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    public Mono<Void> removeAll(long userId) {
        return db.sql("DELETE FROM account_certificate WHERE user_id = :id").bind("id", userId).then();
    }
}

package by.ocenka.account.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Single-use tokens mailed to users. The token itself goes only into the mail; the table keeps its SHA-256, so
 * a leaked table does not confirm or reset anything. Using a token is one UPDATE, so it works at most once.
 */
@Repository
public class AccountTokens {

    public enum Purpose { CONFIRM, RESET }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseClient db;

    AccountTokens(DatabaseClient db) {
        this.db = db;
    }

    /** A new token for the user; earlier unused tokens of the same purpose stop working. */
    public Mono<String> issue(long userId, Purpose purpose, Duration validity) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return db.sql("UPDATE account_token SET used_at = now() WHERE user_id = :user AND purpose = :purpose AND used_at IS NULL")
                .bind("user", userId).bind("purpose", purpose.name()).then()
                .then(db.sql("""
                                INSERT INTO account_token (token_hash, user_id, purpose, expires_at)
                                VALUES (:hash, :user, :purpose, now() + make_interval(secs => :seconds))""")
                        .bind("hash", hash(token)).bind("user", userId).bind("purpose", purpose.name())
                        .bind("seconds", (double) validity.toSeconds()).then())
                .thenReturn(token);
    }

    /** The user the token was issued to, marking it used; empty when unknown, used or expired. */
    public Mono<Long> use(String token, Purpose purpose) {
        return db.sql("""
                        UPDATE account_token SET used_at = now()
                        WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > now()
                        RETURNING user_id""")
                .bind("hash", hash(token)).bind("purpose", purpose.name())
                .map(row -> row.get("user_id", Long.class))
                .one();
    }

    static String hash(String token) {
        return by.ocenka.platform.Digests.sha256Hex(token);
    }
}

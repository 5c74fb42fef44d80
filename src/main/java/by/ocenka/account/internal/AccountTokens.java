package by.ocenka.account.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import by.ocenka.platform.Digests;
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

    /** An unused token: whose, and the digest of the browser it was issued to, if any. */
    public record Pending(long userId, String browserHash) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseClient db;

    AccountTokens(DatabaseClient db) {
        this.db = db;
    }

    /** A new token for the user; earlier unused tokens of the same purpose stop working. */
    public Mono<String> issue(long userId, Purpose purpose, Duration validity) {
        return issue(userId, purpose, validity, null);
    }

    /** The same, for the browser whose mark has this digest ({@code RegisteringBrowsers}). */
    public Mono<String> issue(long userId, Purpose purpose, Duration validity, String browserHash) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        INSERT INTO account_token (token_hash, user_id, purpose, expires_at, browser_hash)
                        VALUES (:hash, :user, :purpose, now() + make_interval(secs => :seconds), :browser)""")
                .bind("hash", hash(token)).bind("user", userId).bind("purpose", purpose.name())
                .bind("seconds", (double) validity.toSeconds());
        return db.sql("UPDATE account_token SET used_at = now() WHERE user_id = :user AND purpose = :purpose AND used_at IS NULL")
                .bind("user", userId).bind("purpose", purpose.name()).then()
                .then((browserHash == null ? insert.bindNull("browser", String.class) : insert.bind("browser", browserHash)).then())
                .thenReturn(token);
    }

    /** The token, left unused: empty when unknown, used or expired. */
    public Mono<Pending> pending(String token, Purpose purpose) {
        return db.sql("""
                        SELECT user_id, browser_hash FROM account_token
                        WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > now()""")
                .bind("hash", hash(token)).bind("purpose", purpose.name())
                .map(row -> new Pending(row.get("user_id", Long.class), row.get("browser_hash", String.class)))
                .one();
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
        return Digests.sha256Hex(token);
    }
}

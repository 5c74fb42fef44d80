package by.ocenka.account.internal;

import java.time.Duration;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The one-time sign-in codes (table {@code email_code}): one live code per address, its SHA-256 only. Each check
 * spends a try in the same statement that reads the code, so parallel guesses cannot pass the limit; a right code is
 * deleted by the check that matched it, so it works once.
 */
@Repository
public class EmailCodeRepository {

    /** The outcome of a check: right (and now used), wrong with tries left, no tries left, or no live code. */
    public enum Check { RIGHT, WRONG, EXHAUSTED, NONE }

    private record Attempt(String spentHash, Integer triesLeft) {
    }

    private final DatabaseClient db;

    EmailCodeRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Stores a new code for the address, replacing any earlier one, unless one went out less than {@code gap} ago or
     * the address already had {@code perHour} codes in the last hour: then nothing changes and the answer is false.
     */
    public Mono<Boolean> store(String email, String code, Duration validity, int tries, Duration gap, int perHour) {
        return db.sql("""
                        INSERT INTO email_code (email, code_hash, expires_at, tries_left)
                        VALUES (:email, :hash, now() + make_interval(secs => :validity), :tries)
                        ON CONFLICT (email) DO UPDATE SET
                            code_hash = excluded.code_hash, expires_at = excluded.expires_at,
                            tries_left = excluded.tries_left, sent_at = now(),
                            sends = CASE WHEN email_code.window_started_at < now() - interval '1 hour' THEN 1
                                         ELSE email_code.sends + 1 END,
                            window_started_at = CASE WHEN email_code.window_started_at < now() - interval '1 hour'
                                                     THEN now() ELSE email_code.window_started_at END
                        WHERE email_code.sent_at < now() - make_interval(secs => :gap)
                          AND (email_code.window_started_at < now() - interval '1 hour' OR email_code.sends < :perHour)
                        RETURNING email""")
                .bind("email", email).bind("hash", AccountTokens.hash(email + ":" + code))
                .bind("validity", (double) validity.toSeconds()).bind("tries", tries)
                .bind("gap", (double) gap.toSeconds()).bind("perHour", perHour)
                .map(row -> true).one().defaultIfEmpty(false);
    }

    /** Checks a code, spending one try; a right code is used up. */
    public Mono<Check> check(String email, String code) {
        String hash = AccountTokens.hash(email + ":" + code);
        return db.sql("""
                        WITH spent AS (
                            UPDATE email_code SET tries_left = tries_left - 1
                            WHERE email = :email AND expires_at > now() AND tries_left > 0
                            RETURNING code_hash)
                        SELECT (SELECT code_hash FROM spent) AS spent_hash,
                               (SELECT tries_left FROM email_code WHERE email = :email AND expires_at > now()) AS tries_left""")
                .bind("email", email)
                .map(row -> new Attempt(row.get("spent_hash", String.class), row.get("tries_left", Integer.class)))
                .one()
                .flatMap(found -> {
                    String spent = found.spentHash();
                    if (spent == null) {
                        return Mono.just(found.triesLeft() == null ? Check.NONE : Check.EXHAUSTED);
                    }
                    if (!spent.equals(hash)) {
                        return Mono.just(Check.WRONG);
                    }
                    return db.sql("DELETE FROM email_code WHERE email = :email AND code_hash = :hash RETURNING email")
                            .bind("email", email).bind("hash", hash)
                            .map(row -> Check.RIGHT).one().defaultIfEmpty(Check.NONE);
                });
    }

    /** The address's canonical form (V24's {@code canonical_email}): what codes are kept under. */
    public Mono<String> canonical(String email) {
        return db.sql("SELECT canonical_email(:email) AS canonical").bind("email", email)
                .map(row -> row.get("canonical", String.class)).one();
    }

    /** Forgets codes that expired (the reconciler's housekeeping). */
    public Mono<Long> deleteExpired() {
        return db.sql("DELETE FROM email_code WHERE expires_at < now() - interval '1 hour'").fetch().rowsUpdated();
    }
}

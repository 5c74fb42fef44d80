package by.ocenka.account.internal;

import java.time.Duration;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The one-time sign-in codes (table {@code email_code}): each mailed code with the token of its link, both as SHA-256
 * only. An address may have several live codes (one asked for by a stranger does not void the owner's); the first
 * right code or link used signs in and voids them all.
 */
@Repository
public class EmailCodeRepository {

    private final DatabaseClient db;

    EmailCodeRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Live codes an address may have at once: each is one more to guess within the tries a client has. */
    static final int LIVE_PER_ADDRESS = 3;
    /** The advisory locks' first key: the address's codes. */
    private static final int LOCK_SPACE = 0x0c0de;

    /**
     * Stores a new code for the address unless one went out less than {@code gap} ago, or the address already had
     * {@code perHour} codes in the last hour while one of them still works, or has {@value #LIVE_PER_ADDRESS} working
     * codes: then nothing is stored and the answer is false. An address without a working code always gets one (past the
     * gap): nobody can keep its owner from a code by asking for codes in their name, and no more than one mail per
     * code's life goes out beyond the cap. Runs in the caller's transaction, which holds the address's advisory lock
     * from here on: requests at the same moment are decided one after another, never both on the same count.
     */
    public Mono<Boolean> store(String email, String codeHash, String linkHash, Duration validity, Duration gap,
                               int perHour) {
        // The two-key form: a space of its own, apart from the jobs' single-key locks.
        return db.sql("SELECT pg_advisory_xact_lock(:space, hashtext(:email))").bind("space", LOCK_SPACE)
                .bind("email", email).then()
                .then(db.sql("""
                        INSERT INTO email_code (email, code_hash, link_hash, expires_at)
                        SELECT :email, :code, :link, now() + make_interval(secs => :validity)
                        WHERE NOT EXISTS (SELECT 1 FROM email_code
                                          WHERE email = :email AND created_at > now() - make_interval(secs => :gap))
                          AND (SELECT count(*) FROM email_code WHERE email = :email AND expires_at > now()) < :live
                          AND ((SELECT count(*) FROM email_code
                                WHERE email = :email AND created_at > now() - interval '1 hour') < :perHour
                               OR NOT EXISTS (SELECT 1 FROM email_code WHERE email = :email AND expires_at > now()))
                        RETURNING id""")
                        .bind("email", email).bind("code", codeHash).bind("link", linkHash)
                        .bind("validity", (double) validity.toSeconds()).bind("gap", (double) gap.toSeconds())
                        .bind("perHour", perHour).bind("live", LIVE_PER_ADDRESS)
                        .map(row -> true).one().defaultIfEmpty(false));
    }

    /** Uses a working code of the address: true (and every code of the address void) when one matched. */
    public Mono<Boolean> useCode(String email, String codeHash) {
        return useWhere("code_hash = :hash", email, codeHash);
    }

    /** The same for a link's token. */
    public Mono<Boolean> useLink(String email, String linkHash) {
        return useWhere("link_hash = :hash", email, linkHash);
    }

    private Mono<Boolean> useWhere(String condition, String email, String hash) {
        // The address's codes are locked first, in one order (two uses of two codes at once take turns rather than
        // deadlock); the matching row is deleted, so of two uses of one code the second finds it gone. The address's
        // other codes go with it.
        return db.sql("""
                        WITH locked AS (SELECT id FROM email_code WHERE email = :email ORDER BY id FOR UPDATE),
                             used AS (DELETE FROM email_code WHERE id IN (SELECT id FROM locked) AND expires_at > now()
                                      AND %s RETURNING id),
                             others AS (DELETE FROM email_code WHERE id IN (SELECT id FROM locked)
                                        AND EXISTS (SELECT 1 FROM used) AND id NOT IN (SELECT id FROM used))
                        SELECT count(*) AS n FROM used""".formatted(condition))
                .bind("email", email).bind("hash", hash)
                .map(row -> row.get("n", Long.class) > 0).one();
    }

    /** Forgets codes that expired (the reconciler's housekeeping). */
    public Mono<Long> deleteExpired() {
        return db.sql("DELETE FROM email_code WHERE expires_at < now() - interval '1 hour'").fetch().rowsUpdated();
    }
}

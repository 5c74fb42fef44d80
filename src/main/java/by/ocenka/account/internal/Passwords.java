package by.ocenka.account.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Hashing (BCrypt through the delegating encoder, so that hashes say their algorithm and can be upgraded) on a
 * worker thread, since a hash costs tens of milliseconds of CPU; and the rule for acceptable new passwords: at least
 * 12 characters and none of the 55,000 breached passwords of that length in {@code account/breached-passwords.txt}.
 * BCrypt reads only 72 bytes: a longer password (a passphrase in Cyrillic reaches it at 37 letters) is hashed with
 * SHA-256 first, so that all of it counts; no stored hash changes, since such a password could not be set before.
 */
@Component
public class Passwords {

    public static final int MIN_LENGTH = 12;
    private static final int BCRYPT_BYTES = 72;

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Set<String> common;
    /** Compared against when the e-mail is unknown, so that both failures take the same time. */
    private final String decoy;

    Passwords() {
        this.common = load();
        this.decoy = encoder.encode("decoy-password-never-used");
    }

    public Mono<String> hash(String raw) {
        return Mono.fromCallable(() -> encoder.encode(bcryptInput(raw))).subscribeOn(Schedulers.boundedElastic());
    }

    /** Whether the password matches; with no hash (unknown e-mail, social-only account) false, in the same time. */
    public Mono<Boolean> matches(String raw, String hash) {
        return Mono.fromCallable(() -> {
            if (hash == null) {
                encoder.matches(bcryptInput(raw), decoy);
                return false;
            }
            return encoder.matches(bcryptInput(raw), hash);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Null when acceptable, else the message key of what is wrong with it. */
    public String weakness(String raw) {
        if (raw == null || raw.length() < MIN_LENGTH) {
            return "validation.password.short";
        }
        if (common.contains(raw.toLowerCase(Locale.ROOT))) {
            return "validation.password.common";
        }
        return null;
    }

    /** The password as BCrypt gets it: itself up to 72 bytes, else its SHA-256 (base64, 44 bytes). */
    static String bcryptInput(String raw) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= BCRYPT_BYTES) {
            return raw;
        }
        try {
            return "sha256:" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> load() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("account/breached-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package by.ocenka.account.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.FixedWindows;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Login attempts counted in Redis over a 15-minute window, shared by every instance: at most 5 per account from one
 * client address, 20 per address over all accounts, and 100 per account over all addresses; past any of them the
 * next attempt answers 429 with {@code Retry-After} until the window ends, whether the password is right or not
 * (else a guesser learns it). An attempt takes its place ({@link FixedWindows}) before the password is checked, so
 * parallel guesses cannot slip past the count, and a success gives it back. Because the tight limit is per account and
 * address, a stranger failing on purpose locks only themself out of someone's account; the wide one slows guessing
 * spread over many addresses, and does not hold back a browser the owner has signed in from ({@link KnownDevices}),
 * nor the mailed ways in (a code, a link, a password reset): no stranger can keep the owner out.
 */
@Component
public class LoginThrottle {

    public static final int PER_ACCOUNT_AND_ADDRESS = 5;
    public static final int PER_ADDRESS = 20;
    public static final int PER_ACCOUNT = 100;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final FixedWindows windows;

    LoginThrottle(FixedWindows windows) {
        this.windows = windows;
    }

    /** Takes an attempt, or errors with 429 when a limit is spent; a known browser is not held to the account's. */
    public Mono<Void> attempt(String email, String address, boolean knownDevice) {
        List<String> keys = keys(email, address);
        List<FixedWindows.Window> limits = new ArrayList<>(List.of(
                new FixedWindows.Window(keys.get(0), PER_ACCOUNT_AND_ADDRESS, WINDOW),
                new FixedWindows.Window(keys.get(1), PER_ADDRESS, WINDOW)));
        if (!knownDevice) {
            limits.add(new FixedWindows.Window(keys.get(2), PER_ACCOUNT, WINDOW));
        }
        return windows.take(limits)
                .flatMap(wait -> {
                    if (wait.isZero()) {
                        return Mono.empty();
                    }
                    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                    return Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "login-throttled")
                            .with("retryAfter", seconds).header("Retry-After", String.valueOf(seconds)));
                });
    }

    /** A success: the pair starts afresh, the attempt is given back to the address and the account. */
    public Mono<Void> succeeded(String email, String address) {
        List<String> keys = keys(email, address);
        return Mono.when(windows.reset(keys.get(0)), windows.giveBack(keys.get(1)), windows.giveBack(keys.get(2)));
    }

    /** The attempt could not be judged (the database was unreachable): it does not count. */
    public Mono<Void> undecided(String email, String address) {
        return Flux.fromIterable(keys(email, address)).flatMap(windows::giveBack).then();
    }

    /** The pair's, the address's and the account's counters (each may live on its own node of a cluster). */
    private static List<String> keys(String email, String address) {
        // The canonical form: "A.B+x@gmail.com" neither escapes the owner's limits nor starts fresh ones.
        String account = CanonicalEmail.of(email);
        return List.of("login:fail:pair:" + account + "|" + address, "login:fail:address:" + address,
                "login:fail:account:" + account);
    }
}

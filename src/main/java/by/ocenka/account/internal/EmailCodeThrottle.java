package by.ocenka.account.internal;

import java.time.Duration;
import java.util.List;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.FixedWindows;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Typed sign-in codes counted in Redis, shared by every instance, so that codes cannot be sprayed: at most
 * {@value #PER_CLIENT} tries per client (an IPv6 client by its /64) in 15 minutes, {@value #PER_ADDRESS} per address
 * in a day, and {@value #TOTAL} over the whole portal in 15 minutes (above what citizens' typos make at a national
 * peak). A try takes its place before the code is checked (parallel guesses cannot slip past) and a right code gives
 * it back. Past any of them: 429 until the window ends. Only typed codes count: the mailed link carries a 256-bit
 * token of its own and always works, so a stranger's failures never keep the owner out.
 */
@Component
public class EmailCodeThrottle {

    public static final int PER_CLIENT = 10;
    static final int PER_ADDRESS = 20;
    static final int TOTAL = 2_000;
    private static final Duration SHORT = Duration.ofMinutes(15);
    private static final Duration DAY = Duration.ofDays(1);

    private final FixedWindows windows;

    EmailCodeThrottle(FixedWindows windows) {
        this.windows = windows;
    }

    /** Takes a try, or errors with 429 {@code email-code-tries} when a limit is spent. */
    public Mono<Void> attempt(String email, String client) {
        return windows.take(List.of(new FixedWindows.Window("code:fail:client:" + client, PER_CLIENT, SHORT),
                        new FixedWindows.Window("code:fail:address:" + email, PER_ADDRESS, DAY),
                        new FixedWindows.Window("code:fail:total", TOTAL, SHORT)))
                .flatMap(wait -> {
                    if (wait.isZero()) {
                        return Mono.empty();
                    }
                    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                    return Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "email-code-tries")
                            .with("retryAfter", seconds).header("Retry-After", String.valueOf(seconds)));
                });
    }

    /** A right code: its try is given back everywhere. */
    public Mono<Void> succeeded(String email, String client) {
        return Mono.when(windows.giveBack("code:fail:client:" + client), windows.giveBack("code:fail:address:" + email),
                windows.giveBack("code:fail:total"));
    }
}

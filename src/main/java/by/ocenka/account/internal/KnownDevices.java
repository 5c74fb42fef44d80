package by.ocenka.account.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import by.ocenka.platform.Digests;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The browsers an account has signed in from before: a random token in a long-lived cookie, its digest in a Redis set
 * per account. The login throttle's limit per account (over all addresses) does not hold back a browser the owner
 * signed in from: a stranger failing from many addresses slows only strangers, not the owner (OWASP's device
 * cookies). A browser that signs in to another account stops being known to the first. A lost cookie or Redis only means the owner is counted like anyone else, and can still sign in by mail.
 */
@Component
public class KnownDevices {

    static final String COOKIE = "OCENKA_DEVICE";
    private static final Duration LIFE = Duration.ofDays(180);
    private static final int KEPT = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReactiveStringRedisTemplate redis;

    KnownDevices(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Whether the request comes from a browser this account signed in from. */
    public Mono<Boolean> known(ServerWebExchange exchange, String email) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(cookieName(exchange));
        if (cookie == null || cookie.getValue().length() != 43) {
            return Mono.just(false);
        }
        return redis.opsForZSet().score(key(email), Digests.sha256Hex(cookie.getValue()))
                .map(score -> true).defaultIfEmpty(false).onErrorReturn(false);
    }

    /**
     * After a sign-in: this browser is known to the account from now on (the oldest of many is forgotten). The token is
     * always a fresh one of ours: a value the client brought (planted, say, by a neighbouring site) is never adopted.
     */
    public Mono<Void> remember(ServerWebExchange exchange, String email) {
        HttpCookie replaced = exchange.getRequest().getCookies().getFirst(cookieName(exchange));
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        exchange.getResponse().addCookie(ResponseCookie.from(cookieName(exchange), token).path("/").httpOnly(true)
                .sameSite("Lax").secure(secure(exchange)).maxAge(LIFE).build());
        String key = key(email);
        // The token this browser held before goes: each browser is one entry, and twenty of them are kept.
        Mono<Long> forgetReplaced = replaced == null ? Mono.just(0L)
                : redis.opsForZSet().remove(key, Digests.sha256Hex(replaced.getValue()));
        return forgetReplaced.then(redis.opsForZSet().add(key, Digests.sha256Hex(token), System.currentTimeMillis()))
                .then(redis.opsForZSet().removeRange(key, Range.closed(0L, -(KEPT + 1L))))
                .then(redis.expire(key, LIFE))
                .then()
                .onErrorResume(e -> Mono.empty());
    }

    /**
     * Forgets every browser of the account: its owner took it over or changed the password, and a browser someone
     * else signed in from (a squatter's, before the address was proven) must not stay known.
     */
    public Mono<Void> forget(String email) {
        return redis.delete(key(email)).then().onErrorResume(e -> Mono.empty());
    }

    /**
     * Over HTTPS the cookie is a {@code __Host-} one: no neighbouring subdomain can set it (and plant a value of its
     * choosing).
     */
    static String cookieName(ServerWebExchange exchange) {
        return secure(exchange) ? "__Host-" + COOKIE : COOKIE;
    }

    private static boolean secure(ServerWebExchange exchange) {
        return "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme());
    }

    private static String key(String email) {
        return "login:devices:" + CanonicalEmail.of(email);
    }
}

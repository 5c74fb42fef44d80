package by.ocenka.account;

import java.security.SecureRandom;
import java.util.Base64;

import by.ocenka.platform.Digests;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;

/**
 * The browser that registered an address gets a random cookie; the confirmation token keeps its digest. Opened in that
 * browser, the mailed link confirms and signs in with the password chosen there. Anywhere else, whoever opens it reads
 * the address's mail but may not be whoever chose the password: they type it, or the address is confirmed with it
 * cleared. Every registration sets the cookie, for a known address too, so the answers look alike.
 */
public final class RegisteringBrowsers {

    static final String COOKIE = "OCENKA_REGISTRATION";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RegisteringBrowsers() {
    }

    /**
     * Marks this browser as the one registering; answers the mark's digest, to keep with the token. A mark the browser
     * holds already is kept (a second registration, or the form sent again, must not orphan the first mail's link);
     * it helps only whoever also holds a mailed token.
     */
    public static String mark(ServerWebExchange exchange) {
        String mark = held(exchange);
        if (mark == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            mark = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        boolean secure = "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme());
        exchange.getResponse().addCookie(ResponseCookie.from(name(exchange), mark).path("/").httpOnly(true).sameSite("Lax")
                .secure(secure).maxAge(AccountService.CONFIRMATION_VALIDITY).build());
        return Digests.sha256Hex(mark);
    }

    /** The digest of the mark this browser holds, or null. */
    public static String digest(ServerWebExchange exchange) {
        String mark = held(exchange);
        return mark == null ? null : Digests.sha256Hex(mark);
    }

    private static String held(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(name(exchange));
        return cookie == null || cookie.getValue().length() != 43 ? null : cookie.getValue();
    }

    /** Over HTTPS a {@code __Host-} cookie: no neighbouring subdomain can plant a mark of its own. */
    private static String name(ServerWebExchange exchange) {
        return "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme()) ? "__Host-" + COOKIE : COOKIE;
    }
}

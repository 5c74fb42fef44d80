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

    /** Marks this browser as the one registering; answers the mark's digest, to keep with the token. */
    public static String mark(ServerWebExchange exchange) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String mark = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, mark).path("/").httpOnly(true).sameSite("Lax")
                .secure("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())).maxAge(AccountService.CONFIRMATION_VALIDITY).build());
        return Digests.sha256Hex(mark);
    }

    /** The digest of the mark this browser holds, or null. */
    public static String digest(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        return cookie == null || cookie.getValue().length() != 43 ? null : Digests.sha256Hex(cookie.getValue());
    }
}

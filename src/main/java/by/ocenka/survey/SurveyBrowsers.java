package by.ocenka.survey;

import java.time.Duration;
import java.util.UUID;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;

/** A browser's poll identity: a random token in a cookie (a year), made on its first response; kept only hashed. */
public final class SurveyBrowsers {

    static final String COOKIE = "ocenka-poll";

    private SurveyBrowsers() {
    }

    /** The browser's token, made and set as a cookie when it has none. */
    public static String token(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie != null && cookie.getValue().matches("[0-9a-f-]{36}")) {
            return cookie.getValue();
        }
        String token = UUID.randomUUID().toString();
        exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, token).path("/").httpOnly(true)
                .sameSite("Lax").maxAge(Duration.ofDays(365)).build());
        return token;
    }
}

package by.ocenka.account;

import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Starting a sign-in by a mailed code from any page (the login page, the rating form): the code goes out, the address
 * is remembered in the session for the code page, and that page's address is answered.
 */
@Component
public class SignInByCode {

    /** The session attribute with the address the code went to, so that the code page need not ask for it again. */
    public static final String ADDRESS = "ocenka.email-code-address";

    private final EmailCodes codes;

    SignInByCode(EmailCodes codes) {
        this.codes = codes;
    }

    /** Mails a code to the address and remembers the address; answers the code page's path, on to {@code next}. */
    public Mono<String> start(ServerWebExchange exchange, String email, String next, Locale locale) {
        return codes.request(email, next, locale)
                .then(exchange.getSession().doOnNext(session -> session.getAttributes().put(ADDRESS,
                        EmailCodes.normalize(email))))
                .thenReturn(codePage(next));
    }

    /** The code page, coming back to {@code next} (a local path) once signed in. */
    public static String codePage(String next) {
        return UriComponentsBuilder.fromPath("/login/code").queryParamIfPresent("next",
                Optional.ofNullable(LoginSessions.localPath(next))).encode().build().toUriString();
    }
}

package by.ocenka.account.certificate;

import java.net.URI;

import by.ocenka.account.LoginSessions;
import by.ocenka.account.AccountService;
import by.ocenka.account.UserView;
import by.ocenka.platform.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Logging in with the client certificate of the request: over the API, and from the login page's button. */
@RestController
@Tag(name = "Accounts")
class CertificateLoginController {

    private final CertificateLogin login;
    private final LoginSessions sessions;
    private final AccountService accounts;

    CertificateLoginController(CertificateLogin login, LoginSessions sessions, AccountService accounts) {
        this.login = login;
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/auth/certificate")
    @Operation(summary = "Logs organisation staff in with the TLS client certificate (mutual TLS or a trusted proxy's header)")
    Mono<UserView> logIn(ServerWebExchange exchange) {
        return login.authenticate(exchange.getRequest())
                .flatMap(user -> sessions.start(exchange, user).then(accounts.view(user)));
    }

    /** The login page's button: into the cabinet, or back to the login page saying why not (a page, not the API). */
    @Hidden
    @PostMapping("/login/certificate")
    Mono<ResponseEntity<Void>> logInFromPage(ServerWebExchange exchange) {
        return login.authenticate(exchange.getRequest())
                .flatMap(user -> sessions.start(exchange, user).thenReturn(see("/cabinet")))
                .onErrorResume(ApiException.class, e -> Mono.just(see("/login?certificate=" + e.code())));
    }

    private static ResponseEntity<Void> see(String path) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(path)).build();
    }
}

package by.ocenka.account.internal;

import java.util.Locale;

import by.ocenka.account.AccountRequests.EmailCodeRequest;
import by.ocenka.account.AccountService;
import by.ocenka.account.AccountRequests.EmailCodeVerification;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.EmailCodes;
import by.ocenka.account.LoginSessions;
import by.ocenka.account.UserView;
import by.ocenka.platform.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Signing in by a code mailed to the address ({@link EmailCodes}). */
@RestController
@Tag(name = "Accounts")
class EmailCodeController {

    private final EmailCodes codes;
    private final LoginSessions sessions;
    private final AccountService accounts;

    EmailCodeController(EmailCodes codes, LoginSessions sessions, AccountService accounts) {
        this.codes = codes;
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/auth/email-code")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a one-time sign-in code and link (valid 15 min): 202 always for a well-formed address")
    Mono<Void> request(@Valid @RequestBody EmailCodeRequest request, Locale locale) {
        return codes.request(request.email(), request.next(), locale);
    }

    @PostMapping("/api/v1/auth/email-code/verify")
    @Operation(summary = "Sign in with the mailed code (or the token of the mailed link): 200 the user and the session (a "
            + "new address becomes a confirmed citizen); 400 wrong or expired code; 429 too many wrong codes from this "
            + "client, for this address or on the portal (the link still works); 403 for staff accounts")
    @ApiResponse(responseCode = "200", description = "Signed in: the user; the SESSION cookie is set")
    @ApiResponse(responseCode = "400", description = "Wrong or expired code")
    @ApiResponse(responseCode = "403", description = "A staff account: staff sign in with a password or certificate")
    @ApiResponse(responseCode = "429", description = "Too many wrong codes: wait (Retry-After) or use the mailed link")
    Mono<UserView> verify(@Valid @RequestBody EmailCodeVerification request, ServerWebExchange exchange) {
        Mono<CurrentUser> signedIn = request.token() != null && !request.token().isBlank()
                ? codes.verifyLink(request.email(), request.token(), null)
                : codes.verify(request.email(), request.code(), ClientAddress.client(exchange));
        return signedIn
                .flatMap(user -> sessions.start(exchange, user).thenReturn(user))
                .flatMap(accounts::view);
    }
}

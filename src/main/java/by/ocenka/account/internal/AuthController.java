package by.ocenka.account.internal;

import java.util.Locale;

import by.ocenka.account.AccountRequests.LoginRequest;
import by.ocenka.account.AccountRequests.NewPasswordRequest;
import by.ocenka.account.AccountRequests.PasswordChange;
import by.ocenka.account.AccountRequests.RegisterRequest;
import by.ocenka.account.AccountRequests.ResetRequest;
import by.ocenka.account.AccountRequests.SettingsRequest;
import by.ocenka.account.AccountService;
import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.LoginSessions;
import by.ocenka.account.RegisteringBrowsers;
import by.ocenka.account.UserView;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Sessions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Registration, login, logout, the CSRF token and the current user. */
@RestController
@Tag(name = "Accounts")
class AuthController {

    record CsrfView(String headerName, String token) {
    }




    private final AccountService accounts;
    private final LoginSessions sessions;

    AuthController(AccountService accounts, LoginSessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GetMapping("/api/v1/auth/csrf")
    @Operation(summary = "The CSRF token to send in X-XSRF-TOKEN with every state-changing request (also set as cookie XSRF-TOKEN)")
    Mono<CsrfView> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token.map(t -> new CsrfView(t.getHeaderName(), t.getToken()));
    }

    @PostMapping("/api/v1/auth/register")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Register a citizen: 202 always for a well-formed request (a new address gets a confirmation "
            + "mail, a known one a mail saying it has an account); 400 weak password")
    Mono<Void> register(@Valid @RequestBody RegisterRequest request, Locale locale, ServerWebExchange exchange) {
        return accounts.register(request.email(), request.password(), request.displayName(), null,
                RegisteringBrowsers.mark(exchange), locale).then();
    }

    /** The confirmation token, and optionally the password chosen at registration (from a client that did not register). */
    record ConfirmRequest(@NotBlank @Size(max = 200) String token, @Size(max = 200) String password) {
    }

    @PostMapping("/api/v1/auth/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Confirm the e-mail address with the mailed token: 204; 400 bad, used or expired token, or a "
            + "wrong password. The client that registered (its OCENKA_REGISTRATION cookie), or one that sends the password "
            + "chosen at registration, keeps the password; otherwise the address is confirmed with the password cleared "
            + "(whoever reads the mail owns the address; they sign in with a mailed code). The account's other sessions end")
    Mono<Void> confirm(@Valid @RequestBody ConfirmRequest request, @AuthenticationPrincipal CurrentUser user,
                       ServerWebExchange exchange) {
        String password = request.password() == null || request.password().isEmpty() ? null : request.password();
        return accounts.confirm(request.token(), RegisteringBrowsers.digest(exchange), password,
                user == null ? null : user.id(), Sessions.id(exchange), null).then();
    }

    @PostMapping("/api/v1/auth/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a password reset link valid one hour: 202 whether or not the account exists")
    Mono<Void> passwordReset(@Valid @RequestBody ResetRequest request, Locale locale) {
        return accounts.requestPasswordReset(request.email(), locale);
    }

    @PostMapping("/api/v1/auth/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set a new password with the mailed token: 204 and signed in (the account's other sessions end); "
            + "400 bad, used or expired token or weak password")
    Mono<Void> passwordResetConfirm(@Valid @RequestBody NewPasswordRequest request, ServerWebExchange exchange) {
        return accounts.resetPassword(request.token(), request.newPassword()).flatMap(user -> sessions.start(exchange, user));
    }

    @PostMapping("/api/v1/auth/login")
    @Operation(summary = "Log in with e-mail and password: 200 and the session; 401 for wrong credentials")
    @ApiResponse(responseCode = "200", description = "Logged in: the user; the SESSION cookie is set",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class),
                    examples = @ExampleObject(value = """
                            {"id": 7, "email": "citizen@example.by", "displayName": "Анна", "roles": ["CITIZEN"],
                             "emailConfirmed": true, "anonymousReviews": false}""")))
    @ApiResponse(responseCode = "401", description = "Wrong e-mail or password (the same answer for an unknown e-mail)")
    @ApiResponse(responseCode = "429", description = "Too many failed logins: Retry-After says when to try again")
    Mono<UserView> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
        return sessions.logIn(request.email(), request.password(), exchange).flatMap(accounts::view);
    }

    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Log out: 204")
    Mono<Void> logout(ServerWebExchange exchange) {
        return sessions.logOut(exchange);
    }

    @GetMapping("/api/v1/me")
    @Operation(summary = "The logged-in user; 401 otherwise")
    Mono<UserView> me(@AuthenticationPrincipal CurrentUser user) {
        Callers.signedIn(user);
        return accounts.user(user.id()).flatMap(accounts::view);
    }



    @PatchMapping("/api/v1/me")
    @Operation(summary = "Change the display name, whether reviews are published without it (anonymousReviews) and "
            + "whether a mail tells of an organisation's reply (mailOnReply)")
    Mono<UserView> settings(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody SettingsRequest request,
                            ServerWebExchange exchange) {
        Callers.signedIn(user);
        // The session's user follows, so that what this session writes next carries the new name.
        return accounts.settings(user.id(), request.displayName(), request.anonymousReviews())
                .flatMap(fresh -> sessions.refresh(exchange, fresh).thenReturn(fresh))
                .flatMap(fresh -> request.mailOnReply() == null ? Mono.just(fresh)
                        : accounts.mailOnReply(fresh.id(), request.mailOnReply()).thenReturn(fresh))
                .flatMap(accounts::view);
    }

    @PostMapping("/api/v1/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the password: 204; 400 wrong or missing current password, or a weak new one. An account "
            + "without a password (signed in by a mailed code) sets its first one without currentPassword")
    Mono<Void> changePassword(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PasswordChange request,
                              ServerWebExchange exchange) {
        Callers.signedIn(user);
        if (request.currentPassword() == null || request.currentPassword().isBlank()) {
            return accounts.hasPassword(user.id()).flatMap(has -> has
                    ? Mono.error(ApiException.invalid("currentPassword", "validation.required"))
                    : accounts.setFirstPassword(user.id(), request.newPassword(), Sessions.id(exchange)));
        }
        return accounts.changePassword(user.id(), request.currentPassword(), request.newPassword(),
                Sessions.id(exchange));
    }

    @DeleteMapping("/api/v1/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete one's account: questionnaires stay, anonymised; the session ends")
    Mono<Void> deleteAccount(@AuthenticationPrincipal CurrentUser user, ServerWebExchange exchange) {
        Callers.signedIn(user);
        return accounts.delete(user.id(), Sessions.id(exchange)).then(logout(exchange));
    }

}

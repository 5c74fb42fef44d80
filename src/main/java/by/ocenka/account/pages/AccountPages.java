package by.ocenka.account.pages;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import by.ocenka.account.AccountRequests.LoginRequest;
import by.ocenka.account.AccountRequests.NewPasswordRequest;
import by.ocenka.account.AccountRequests.RegisterRequest;
import by.ocenka.account.AccountRequests.ResetRequest;
import by.ocenka.account.AccountService;
import by.ocenka.account.CertificateLoginProperties;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.LoginSessions;
import by.ocenka.account.RegisteringBrowsers;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.platform.Sessions;
import by.ocenka.web.PageController;
import by.ocenka.web.ProblemTexts;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Login, registration and the mailed links (confirmation, password reset); the account's own page is
 * {@link AccountSettingsPages}. Every form works without JavaScript; errors come back next to their fields with what was typed kept
 * (never the passwords).
 */
@PageController
class AccountPages {

    static final String LOGIN = "account/login";
    /** Why a certificate login from the login page failed (the codes its endpoint answers). */
    private static final Set<String> CERTIFICATE_PROBLEMS = Set.of("certificate-required",
            "certificate-untrusted", "certificate-unknown", "certificate-login-off");
    static final String REGISTER = "account/register";
    static final String CONFIRM = "account/confirm";
    static final String PASSWORD_RESET = "account/password-reset";

    private final AccountService accounts;
    private final LoginSessions sessions;
    private final ProblemTexts problems;

    private final CertificateLoginProperties certificateLogin;

    AccountPages(AccountService accounts, LoginSessions sessions, ProblemTexts problems,
                 CertificateLoginProperties certificateLogin) {
        this.certificateLogin = certificateLogin;
        this.accounts = accounts;
        this.sessions = sessions;
        this.problems = problems;
    }

    // --- Login and logout --------------------------------------------------------------------------------------------

    @GetMapping("/login")
    Rendering loginForm(@RequestParam(required = false) String next, @RequestParam(required = false) String error,
                        @RequestParam(required = false) String reason, @RequestParam(required = false) String certificate,
                        ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        String message = "social".equals(error) ? problems.text("page.login.socialFailed", new Object[0], locale)
                : "social-email-taken".equals(error) ? problems.text("problem.social-email-taken.detail", new Object[0], locale)
                : certificate != null && CERTIFICATE_PROBLEMS.contains(certificate)
                ? problems.text("problem." + certificate + ".detail", new Object[0], locale) : null;
        return login(next, "", Map.of(), message).modelAttribute("reason", reason).build();
    }

    @PostMapping("/login")
    Mono<Rendering> login(@Valid @ModelAttribute("form") LoginRequest form, BindingResult binding,
                          @ModelAttribute("returnTo") ReturnTo returnTo, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        String next = returnTo.next();
        if (binding.hasErrors()) {
            return Mono.just(login(next, form.email(), problems.fieldMessages(binding, locale), null)
                    .status(HttpStatus.BAD_REQUEST).build());
        }
        return sessions.logIn(form.email(), form.password(), exchange)
                .map(user -> Rendering.redirectTo(LoginSessions.landing(user, next)).build())
                .onErrorResume(ApiException.class, e -> Mono.just(login(next, form.email(), Map.of(),
                        problems.problem(e, locale).getDetail()).status(e.status()).build()));
    }

    private Rendering.Builder<?> login(String next, String email, Map<String, String> errors, String error) {
        return Rendering.view(LOGIN)
                .modelAttribute("next", LoginSessions.localPath(next))
                .modelAttribute("email", email == null ? "" : email)
                .modelAttribute("errors", errors)
                .modelAttribute("error", error)
                .modelAttribute("providers", sessions.socialProviders())
                .modelAttribute("certificateLogin", certificateLogin.enabled());
    }

    /** Social login from a page: remember where to come back to, then off to the provider. */
    @GetMapping("/login/social/{provider}")
    Mono<Rendering> social(@PathVariable String provider, @RequestParam(required = false) String next,
                           ServerWebExchange exchange) {
        if (!sessions.socialProviders().contains(provider)) {
            return Mono.error(ApiException.notFound("not-found"));
        }
        return sessions.returnTo(exchange, next)
                .thenReturn(Rendering.redirectTo("/oauth2/authorization/" + provider).build());
    }

    @PostMapping("/logout")
    Mono<Rendering> logout(ServerWebExchange exchange) {
        return sessions.logOut(exchange).thenReturn(Rendering.redirectTo("/").build());
    }

    // --- Registration and the mailed links ----------------------------------------------------------------------------

    @GetMapping("/register")
    Rendering registerForm(@RequestParam(required = false) String next) {
        return register(next, new RegisterRequest("", "", ""), Map.of(), null).build();
    }

    /** Registers and logs in at once: the citizen can come back to the rating form as soon as the mail is confirmed. */
    @PostMapping("/register")
    Mono<Rendering> register(@Valid @ModelAttribute("form") RegisterRequest form, BindingResult binding,
                             @ModelAttribute("returnTo") ReturnTo returnTo, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        String next = returnTo.next();
        if (binding.hasErrors()) {
            return Mono.just(register(next, form, problems.fieldMessages(binding, locale), null)
                    .status(HttpStatus.BAD_REQUEST).build());
        }
        // The same page, and no session, whether the address was new or known (its owner is mailed either way): nothing
        // tells a visitor which addresses have accounts. The confirmation link signs the new citizen in and leads on.
        return accounts.register(form.email(), form.password(), form.displayName(), next, RegisteringBrowsers.mark(exchange),
                        locale)
                .map(user -> true)
                .defaultIfEmpty(false)
                .map(created -> message("page.register.done.title", "page.register.done.text", locale, form.email().strip())
                        .build())
                .onErrorResume(ApiException.class, e -> Mono.just(register(next, form,
                        problems.fieldMessages(e, locale), e.fieldErrors().isEmpty() ? problems.problem(e, locale).getDetail() : null)
                        .status(e.status()).build()));
    }

    private Rendering.Builder<?> register(String next, RegisterRequest form, Map<String, String> errors, String error) {
        return Rendering.view(REGISTER)
                .modelAttribute("next", LoginSessions.localPath(next))
                .modelAttribute("form", new RegisterRequest(form.email(), "", form.displayName()))
                .modelAttribute("errors", errors)
                .modelAttribute("error", error)
                .modelAttribute("providers", sessions.socialProviders());
    }

    /**
     * The link in the confirmation mail: a page with a button, so that a mail scanner following links confirms nothing.
     * In the browser that registered, the button confirms and signs in; elsewhere it asks for the password chosen at
     * registration, or confirms the address with that password cleared ({@link AccountService#confirm}).
     */
    @GetMapping("/confirm")
    Mono<Rendering> confirmPage(@RequestParam(required = false) String token, @RequestParam(required = false) String next,
                                ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        if (token == null || token.isBlank() || token.length() > 200) {
            return Mono.just(confirmFailed(locale));
        }
        return signedInAs(exchange).flatMap(user -> accounts.confirmation(token.strip(), RegisteringBrowsers.digest(exchange),
                        user.orElse(null)))
                .map(confirmation -> confirm(token.strip(), next, confirmation, Map.of()).build())
                .defaultIfEmpty(confirmFailed(locale));
    }

    /** The confirmation page's button: on to the page left, signed in, or to a mailed code when the password went. */
    @PostMapping("/confirm")
    Mono<Rendering> confirm(ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> {
            String token = form.getFirst("token") == null ? "" : form.getFirst("token").strip();
            String next = LoginSessions.localPath(form.getFirst("next"));
            String password = "true".equals(form.getFirst("withoutPassword")) ? null : form.getFirst("password");
            if (token.isEmpty() || token.length() > 200) {
                return Mono.just(confirmFailed(locale));
            }
            if (password != null && password.isEmpty()) {
                return signedInAs(exchange).flatMap(user -> accounts.confirmation(token, RegisteringBrowsers.digest(exchange),
                                user.orElse(null)))
                        .map(confirmation -> confirm(token, next, confirmation, Map.of("password",
                                problems.text("validation.required", new Object[0], locale))).status(HttpStatus.BAD_REQUEST).build())
                        .defaultIfEmpty(confirmFailed(locale));
            }
            return Mono.zip(sessions.pendingIdentity(exchange).map(Optional::of).defaultIfEmpty(Optional.empty()),
                            signedInAs(exchange))
                    .flatMap(t -> accounts.confirm(token, RegisteringBrowsers.digest(exchange), password,
                            t.getT2().orElse(null), Sessions.id(exchange), t.getT1().orElse(null)))
                    .flatMap(confirmed -> confirmed.registrant() ? signedIn(exchange, confirmed.user(), next)
                            : Mono.just(message("page.confirm.codeOnly.title", confirmed.passwordCleared()
                                    ? "page.confirm.codeOnly.text" : "page.confirm.codeOnly.noPassword", locale,
                                    confirmed.user().email())
                                    .modelAttribute("next", UriComponentsBuilder.fromPath("/login/code")
                                            .queryParam("email", confirmed.user().email())
                                            .queryParamIfPresent("next", Optional.ofNullable(next))
                                            .encode().build().toUriString())
                                    .build()))
                    .onErrorResume(ApiException.class, e -> e.fieldErrors().stream().anyMatch(f -> f.field().equals("password"))
                            ? signedInAs(exchange).flatMap(user -> accounts.confirmation(token,
                                            RegisteringBrowsers.digest(exchange), user.orElse(null)))
                                    .map(confirmation -> confirm(token, next, confirmation, problems.fieldMessages(e, locale))
                                            .status(HttpStatus.BAD_REQUEST).build())
                                    .defaultIfEmpty(confirmFailed(locale))
                            : Mono.just(confirmFailed(locale)));
        });
    }

    private static Mono<Optional<Long>> signedInAs(ServerWebExchange exchange) {
        return CurrentUser.of(exchange).map(user -> Optional.of(user.id())).defaultIfEmpty(Optional.empty());
    }

    private Mono<Rendering> signedIn(ServerWebExchange exchange, CurrentUser user, String next) {
        return sessions.start(exchange, user)
                .then(next != null ? Mono.just(URI.create(next)) : sessions.afterLogin(exchange))
                // A page of its own, shown with the new session (its header signed in), and safe to reload.
                .map(goOn -> Rendering.redirectTo(UriComponentsBuilder.fromPath("/confirm/done")
                        .queryParamIfPresent("next", Optional.ofNullable(goOn.getPath().equals("/") ? null : goOn.toString()))
                        .encode().build().toUriString()).build());
    }

    private static Rendering.Builder<?> confirm(String token, String next, AccountService.Confirmation confirmation,
                                                Map<String, String> errors) {
        return Rendering.view(CONFIRM)
                .modelAttribute("token", token)
                .modelAttribute("next", LoginSessions.localPath(next))
                .modelAttribute("email", confirmation.email())
                .modelAttribute("registeringBrowser", confirmation.registeringBrowser())
                .modelAttribute("hasPassword", confirmation.hasPassword())
                .modelAttribute("errors", errors);
    }

    private Rendering confirmFailed(Locale locale) {
        return message("page.confirm.failed.title", "page.confirm.failed.text", locale).status(HttpStatus.BAD_REQUEST).build();
    }

    /** After the confirmation link: the address is confirmed and this browser signed in; on to the page left. */
    @GetMapping("/confirm/done")
    Rendering confirmed(@RequestParam(required = false) String next, ServerWebExchange exchange) {
        String target = LoginSessions.localPath(next);
        return message("page.confirm.done.title", "page.confirm.done.text", Languages.of(exchange))
                .modelAttribute("next", target).build();
    }

    @GetMapping("/password-reset")
    Rendering passwordResetForm(@RequestParam(required = false) String token) {
        return reset(token, Map.of(), null).build();
    }

    /** Always the same answer, whether or not the address has an account. */
    @PostMapping("/password-reset")
    Mono<Rendering> passwordReset(@Valid @ModelAttribute("form") ResetRequest form, BindingResult binding,
                                  ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        if (binding.hasErrors()) {
            return Mono.just(reset(null, problems.fieldMessages(binding, locale), null).status(HttpStatus.BAD_REQUEST).build());
        }
        return accounts.requestPasswordReset(form.email(), locale)
                .thenReturn(message("page.reset.sent.title", "page.reset.sent.text", locale).build());
    }

    @PostMapping("/password-reset/confirm")
    Mono<Rendering> passwordResetConfirm(@Valid @ModelAttribute("form") NewPasswordRequest form, BindingResult binding,
                                         ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        if (binding.hasErrors()) {
            return Mono.just(reset(form.token(), problems.fieldMessages(binding, locale), null)
                    .status(HttpStatus.BAD_REQUEST).build());
        }
        // Signed in at once: no limit a stranger spent on the account's logins keeps its owner out.
        return accounts.resetPassword(form.token(), form.newPassword())
                .flatMap(user -> sessions.start(exchange, user))
                .thenReturn(message("page.reset.done.title", "page.reset.done.text", locale).build())
                .onErrorResume(ApiException.class, e -> Mono.just(reset(form.token(), problems.fieldMessages(e, locale),
                        e.fieldErrors().isEmpty() ? problems.problem(e, locale).getDetail() : null)
                        .status(e.status()).build()));
    }

    private static Rendering.Builder<?> reset(String token, Map<String, String> errors, String error) {
        return Rendering.view(PASSWORD_RESET)
                .modelAttribute("token", token == null || token.isBlank() ? null : token)
                .modelAttribute("errors", errors)
                .modelAttribute("error", error);
    }

    /** The page to go back to after the form, as its hidden {@code next} field carries it. */
    record ReturnTo(String next) {
    }

    // --- Helpers ---------------------------------------------------------------------------------------------------------

    private static Rendering redirect(String next) {
        String target = LoginSessions.localPath(next);
        return Rendering.redirectTo(target == null ? "/" : target).build();
    }

    static Rendering toLogin(String next) {
        return Rendering.redirectTo("/login?next=" + next).build();
    }

    private Rendering.Builder<?> message(String title, String text, Locale locale, Object... args) {
        return problems.messagePage(title, text, locale, args);
    }

}

package by.ocenka.account.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import by.ocenka.account.AccountRequests.EmailCodeRequest;
import by.ocenka.account.AccountRequests.EmailCodeVerification;
import by.ocenka.account.AfterSignIn;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.EmailCodes;
import by.ocenka.account.LoginSessions;
import by.ocenka.account.SignInByCode;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ClientAddress;
import by.ocenka.platform.Languages;
import by.ocenka.platform.Sessions;
import by.ocenka.web.PageController;
import by.ocenka.web.ProblemTexts;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Signing in by a code from the mail, the citizen's quick way in: the rating form (or the login page) sends the code,
 * this page takes it. The right code signs in, and when the citizen came from a rating form whose answers wait in
 * the session, they are sent at once and the thanks page follows: no password, no second visit to the form.
 */
@PageController
class EmailCodePages {

    static final String LOGIN_CODE = "account/login-code";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final EmailCodes codes;
    private final LoginSessions sessions;
    private final ProblemTexts problems;
    private final SignInByCode signIn;
    private final List<AfterSignIn> afterSignIn;

    EmailCodePages(EmailCodes codes, LoginSessions sessions, ProblemTexts problems, SignInByCode signIn,
                   List<AfterSignIn> afterSignIn) {
        this.codes = codes;
        this.sessions = sessions;
        this.problems = problems;
        this.signIn = signIn;
        this.afterSignIn = afterSignIn;
    }

    /**
     * The page for the code. From the mailed link it comes with the address and the link's token: the page then asks
     * for one press to sign in (a mail scanner that opens links signs nobody in).
     */
    @GetMapping("/login/code")
    Mono<Rendering> page(@RequestParam(required = false) String next, @RequestParam(required = false) String email,
                         @RequestParam(required = false) String token, ServerWebExchange exchange) {
        return remembered(exchange).defaultIfEmpty("").map(address -> view(next,
                email != null && email.length() <= 254 ? email : address, "",
                token != null && TOKEN.matcher(token).matches() ? token : null, Map.of(), null).build());
    }

    @PostMapping("/login/code/send")
    Mono<Rendering> send(@Valid @ModelAttribute("form") EmailCodeRequest request, BindingResult binding,
                         ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        if (binding.hasErrors()) {
            return Mono.just(view(request.next(), request.email(), "", null, problems.fieldMessages(binding, locale), null)
                    .status(HttpStatus.BAD_REQUEST).build());
        }
        return signIn.start(exchange, request.email(), request.next(), locale)
                .map(page -> Rendering.redirectTo(page).build());
    }

    @PostMapping("/login/code")
    Mono<Rendering> verify(@Valid @ModelAttribute("form") EmailCodeVerification request, BindingResult binding,
                           @ModelAttribute("returnTo") AccountPages.ReturnTo returnTo, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        String next = returnTo.next();
        if (binding.hasErrors()) {
            return Mono.just(view(next, request.email(), request.code(), request.token(),
                    problems.fieldMessages(binding, locale), null).status(HttpStatus.BAD_REQUEST).build());
        }
        return CurrentUser.of(exchange).map(signedIn -> Optional.of(signedIn.id())).defaultIfEmpty(Optional.empty())
                .flatMap(signedIn -> request.token() != null && !request.token().isBlank()
                        ? codes.verifyLink(request.email(), request.token(), signedIn.orElse(null))
                        : codes.verify(request.email(), request.code(), signedIn.orElse(null), ClientAddress.client(exchange)))
                .flatMap(user -> sessions.start(exchange, user).thenReturn(user))
                .flatMap(user -> {
                    String target = LoginSessions.localPath(next);
                    // What the page signed in for has left to finish (the rating form's answers), else on to it.
                    return Flux.fromIterable(afterSignIn).filter(after -> target != null && after.finishes(target))
                            .next()
                            .flatMap(after -> after.finish(user, target, exchange))
                            .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo(LoginSessions.landing(user, next)).build()));
                })
                .onErrorResume(ApiException.class, e -> {
                    Map<String, String> errors = new LinkedHashMap<>(problems.fieldMessages(e, locale));
                    String message = errors.isEmpty() ? problems.problem(e, locale).getDetail() : null;
                    return Mono.just(view(next, request.email(), "", null, errors, message).status(e.status()).build());
                });
    }

    private static Mono<String> remembered(ServerWebExchange exchange) {
        return Sessions.existing(exchange)
                .flatMap(session -> Mono.justOrEmpty(session.<String>getAttribute(SignInByCode.ADDRESS)));
    }

    private Rendering.Builder<?> view(String next, String email, String code, String token,
                                             Map<String, String> errors, String error) {
        String target = LoginSessions.localPath(next);
        return Rendering.view(LOGIN_CODE)
                .modelAttribute("next", target)
                .modelAttribute("toRate", target != null && afterSignIn.stream().anyMatch(after -> after.finishes(target)))
                .modelAttribute("email", email == null ? "" : email.strip())
                .modelAttribute("code", code == null ? "" : code.strip())
                .modelAttribute("token", token)
                .modelAttribute("errors", errors)
                .modelAttribute("error", error);
    }
}

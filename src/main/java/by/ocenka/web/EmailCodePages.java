package by.ocenka.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import by.ocenka.account.AccountRequests.EmailCodeRequest;
import by.ocenka.account.AccountRequests.EmailCodeVerification;
import by.ocenka.account.EmailCodes;
import by.ocenka.account.LoginSessions;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ClientAddress;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Signing in by a code from the mail, the citizen's quick way in: the rating form (or the login page) sends the code,
 * this page takes it. The right code signs in, and when the citizen came from a rating form whose answers wait in
 * the session, they are sent at once and the thanks page follows: no password, no second visit to the form.
 */
@Controller
class EmailCodePages {

    static final String LOGIN_CODE = "login-code";
    /** The address the code went to, so that the code page need not ask for it again. */
    private static final String ADDRESS = "ocenka.email-code-address";
    private static final Pattern RATE_PAGE = Pattern.compile("/o/(\\d{1,18})/rate");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final EmailCodes codes;
    private final LoginSessions sessions;
    private final ProblemTexts problems;
    private final RatingForm form;

    EmailCodePages(EmailCodes codes, LoginSessions sessions, ProblemTexts problems, RatingForm form) {
        this.codes = codes;
        this.sessions = sessions;
        this.problems = problems;
        this.form = form;
    }

    /** Mails a code to the address and remembers the address in the session. */
    static Mono<Void> sendCode(EmailCodes codes, ServerWebExchange exchange, String email, String next, Locale locale) {
        return codes.request(email, next, locale)
                .then(exchange.getSession().doOnNext(session -> session.getAttributes().put(ADDRESS,
                        EmailCodes.normalize(email)))).then();
    }

    /** The code page, coming back to {@code next} (a local path) once signed in. */
    static String codePage(String next) {
        return UriComponentsBuilder.fromPath("/login/code").queryParamIfPresent("next",
                java.util.Optional.ofNullable(LoginSessions.localPath(next))).encode().build().toUriString();
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
        Locale locale = PageModel.locale(exchange);
        if (binding.hasErrors()) {
            return Mono.just(view(request.next(), request.email(), "", null, problems.fieldMessages(binding, locale), null)
                    .status(HttpStatus.BAD_REQUEST).build());
        }
        return sendCode(codes, exchange, request.email(), request.next(), locale)
                .thenReturn(Rendering.redirectTo(codePage(request.next())).build());
    }

    @PostMapping("/login/code")
    Mono<Rendering> verify(@Valid @ModelAttribute("form") EmailCodeVerification request, BindingResult binding,
                           @ModelAttribute("returnTo") AccountPages.ReturnTo returnTo, ServerWebExchange exchange) {
        Locale locale = PageModel.locale(exchange);
        String next = returnTo.next();
        if (binding.hasErrors()) {
            return Mono.just(view(next, request.email(), request.code(), request.token(),
                    problems.fieldMessages(binding, locale), null).status(HttpStatus.BAD_REQUEST).build());
        }
        return PageModel.currentUser(exchange).map(signedIn -> Optional.of(signedIn.id())).defaultIfEmpty(Optional.empty())
                .flatMap(signedIn -> request.token() != null && !request.token().isBlank()
                        ? codes.verifyLink(request.email(), request.token(), signedIn.orElse(null))
                        : codes.verify(request.email(), request.code(), signedIn.orElse(null), ClientAddress.client(exchange)))
                .flatMap(user -> sessions.start(exchange, user).thenReturn(user))
                .flatMap(user -> {
                    String target = LoginSessions.localPath(next);
                    Matcher rate = target == null ? null : RATE_PAGE.matcher(target);
                    if (rate == null || !rate.matches()) {
                        return Mono.just(Rendering.redirectTo(target == null ? "/" : target).build());
                    }
                    long id = Long.parseLong(rate.group(1));
                    // The answers given before signing in are sent now; without them, the form.
                    return RatingDrafts.take(exchange, id)
                            .flatMap(draft -> form.submit(user, id, draft, locale,
                                    ClientAddress.of(exchange)))
                            .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo(target).build()));
                })
                .onErrorResume(ApiException.class, e -> {
                    Map<String, String> errors = new LinkedHashMap<>(problems.fieldMessages(e, locale));
                    String message = errors.isEmpty() ? problems.problem(e, locale).getDetail() : null;
                    return Mono.just(view(next, request.email(), "", null, errors, message).status(e.status()).build());
                });
    }

    private static Mono<String> remembered(ServerWebExchange exchange) {
        return by.ocenka.platform.Sessions.existing(exchange)
                .flatMap(session -> Mono.justOrEmpty(session.<String>getAttribute(ADDRESS)));
    }

    private static Rendering.Builder<?> view(String next, String email, String code, String token,
                                             Map<String, String> errors, String error) {
        String target = LoginSessions.localPath(next);
        return Rendering.view(LOGIN_CODE)
                .modelAttribute("next", target)
                .modelAttribute("toRate", target != null && RATE_PAGE.matcher(target).matches())
                .modelAttribute("email", email == null ? "" : email.strip())
                .modelAttribute("code", code == null ? "" : code.strip())
                .modelAttribute("token", token)
                .modelAttribute("errors", errors)
                .modelAttribute("error", error);
    }
}

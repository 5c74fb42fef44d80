package by.ocenka.account.pages;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import by.ocenka.account.AccountCertificates;
import by.ocenka.account.AccountRequests.PasswordChange;
import by.ocenka.account.AccountRequests.SettingsRequest;
import by.ocenka.account.AccountService;
import by.ocenka.account.CertificateLoginProperties;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.LoginSessions;
import by.ocenka.account.StaffInvitations;
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
import reactor.core.publisher.Mono;

/**
 * The signed-in citizen's own page: the name shown and anonymous reviews, the password, organisation roles offered
 * to the account, linked signature certificates, and deleting the account. A visitor not signed in is sent to log in.
 */
@PageController
class AccountSettingsPages {

    static final String ACCOUNT = "account/account";

    private final AccountService accounts;
    private final LoginSessions sessions;
    private final ProblemTexts problems;
    private final CertificateLoginProperties certificateLogin;
    private final StaffInvitations invitations;
    private final AccountCertificates certificates;

    AccountSettingsPages(AccountService accounts, LoginSessions sessions, ProblemTexts problems,
                         CertificateLoginProperties certificateLogin, StaffInvitations invitations,
                         AccountCertificates certificates) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.problems = problems;
        this.certificateLogin = certificateLogin;
        this.invitations = invitations;
        this.certificates = certificates;
    }

    @GetMapping("/account")
    Mono<Rendering> account(@RequestParam(required = false) String done, @RequestParam(required = false) String problem,
                            ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return CurrentUser.of(exchange)
                .flatMap(user -> Mono.zip(invitations.open(user), certificates.ofUsers(List.of(user.id())),
                                accounts.hasPassword(user.id()).defaultIfEmpty(true), accounts.mailOnReply(user.id()))
                        .map(t -> settings(user.displayName(), Map.of(),
                                        problem == null || !problem.matches("[a-z-]{1,40}") ? null
                                                : problems.problem(HttpStatus.BAD_REQUEST, problem, locale).getDetail())
                                .modelAttribute("invitations", t.getT1())
                                .modelAttribute("certificates", t.getT2())
                                .modelAttribute("hasPassword", t.getT3())
                                .modelAttribute("mailOnReply", t.getT4())
                                .modelAttribute("certificateLogin", certificateLogin.enabled() && !user.moderates())
                                .modelAttribute("done", done == null ? null : switch (done) {
                                    case "name" -> "page.account.nameSaved";
                                    case "notifications" -> "account.notifications.saved";
                                    case "password" -> "page.account.passwordSaved";
                                    case "invitation-accepted" -> "account.invitation.accepted";
                                    case "invitation-declined" -> "account.invitation.declined";
                                    case "certificate-linked" -> "account.certificates.linked";
                                    case "certificate-unlinked" -> "account.certificates.unlinked";
                                    default -> null;
                                }).build()))
                .switchIfEmpty(Mono.fromSupplier(() -> AccountPages.toLogin("/account")));
    }

    /** Accepting an offered organisation role: the session holds it at once, and the cabinet opens. */
    @PostMapping("/account/invitations/{id}/accept")
    Mono<Rendering> acceptInvitation(@PathVariable long id, ServerWebExchange exchange) {
        return invitation(exchange, "invitation-accepted", user -> invitations.accept(user, id)
                .flatMap(offer -> accounts.user(user.id()).flatMap(fresh -> sessions.refresh(exchange, fresh))));
    }

    @PostMapping("/account/invitations/{id}/decline")
    Mono<Rendering> declineInvitation(@PathVariable long id, ServerWebExchange exchange) {
        return invitation(exchange, "invitation-declined", user -> invitations.decline(user, id));
    }

    /** Answers an offer: back to the account's offers saying it was done, or why not. */
    private Mono<Rendering> invitation(ServerWebExchange exchange, String done, Function<CurrentUser, Mono<?>> answer) {
        return CurrentUser.of(exchange)
                .flatMap(user -> answer.apply(user)
                        .thenReturn(Rendering.redirectTo("/account?done=" + done + "#invitations").build())
                        .onErrorResume(ApiException.class, e -> Mono.just(
                                Rendering.redirectTo("/account?problem=" + e.code() + "#invitations").build())))
                .switchIfEmpty(Mono.fromSupplier(() -> AccountPages.toLogin("/account")));
    }

    @PostMapping("/account/name")
    Mono<Rendering> rename(@Valid @ModelAttribute("form") SettingsRequest form, BindingResult binding,
                           ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return CurrentUser.of(exchange)
                .flatMap(user -> binding.hasErrors()
                        ? Mono.just(settings(form.displayName(), problems.fieldMessages(binding, locale), null)
                                .status(HttpStatus.BAD_REQUEST).build())
                        // A checkbox left unticked is not sent at all: here that means "not anonymous".
                        : accounts.settings(user.id(), form.displayName(), Boolean.TRUE.equals(form.anonymousReviews()))
                                .flatMap(fresh -> sessions.start(exchange, fresh))
                                .thenReturn(Rendering.redirectTo("/account?done=name").build()))
                .switchIfEmpty(Mono.fromSupplier(() -> AccountPages.toLogin("/account")));
    }

    /** The mail settings: a checkbox left unticked is not sent at all, which here means "off". */
    @PostMapping("/account/notifications")
    Mono<Rendering> notifications(ServerWebExchange exchange) {
        return exchange.getFormData().zipWith(CurrentUser.of(exchange))
                .flatMap(t -> accounts.mailOnReply(t.getT2().id(), "true".equals(t.getT1().getFirst("mailOnReply")))
                        .thenReturn(Rendering.redirectTo("/account?done=notifications#notifications").build()))
                .switchIfEmpty(Mono.fromSupplier(() -> AccountPages.toLogin("/account")));
    }

    @PostMapping("/account/password")
    Mono<Rendering> changePassword(@Valid @ModelAttribute("form") PasswordChange form, BindingResult binding,
                                   ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return CurrentUser.of(exchange)
                .flatMap(user -> binding.hasErrors()
                        ? Mono.just(settings(user.displayName(), problems.fieldMessages(binding, locale), null)
                                .status(HttpStatus.BAD_REQUEST).build())
                        : accounts.changePassword(user.id(), form.currentPassword(), form.newPassword(),
                                        Sessions.id(exchange))
                                .thenReturn(Rendering.redirectTo("/account?done=password").build())
                                .onErrorResume(ApiException.class, e -> Mono.just(settings(user.displayName(),
                                        problems.fieldMessages(e, locale), null).status(e.status()).build())))
                .switchIfEmpty(Mono.fromSupplier(() -> AccountPages.toLogin("/account")));
    }

    /** The first password of an account made by a mailed code or a social login (it has no current one to type). */
    @PostMapping("/account/password/set")
    Mono<Rendering> setPassword(ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> CurrentUser.of(exchange)
                .flatMap(user -> {
                    String password = form.getFirst("newPassword") == null ? "" : form.getFirst("newPassword");
                    if (password.isBlank() || password.length() > 200) {
                        return Mono.just(settings(user.displayName(), Map.of("newPassword",
                                problems.text("validation.required", new Object[0], locale)), null)
                                .modelAttribute("hasPassword", false).status(HttpStatus.BAD_REQUEST).build());
                    }
                    return accounts.setFirstPassword(user.id(), password, Sessions.id(exchange))
                            .thenReturn(Rendering.redirectTo("/account?done=password").build())
                            .onErrorResume(ApiException.class, e -> Mono.just(settings(user.displayName(),
                                    problems.fieldMessages(e, locale), e.fieldErrors().isEmpty()
                                            ? problems.problem(e, locale).getDetail() : null)
                                    .modelAttribute("hasPassword", e.status() == HttpStatus.CONFLICT)
                                    .status(e.status()).build()));
                })
                .switchIfEmpty(Mono.fromSupplier(() -> AccountPages.toLogin("/account"))));
    }

    /** Deletes the account (its questionnaires stay, anonymised) once the citizen ticked that they mean it. */
    @PostMapping("/account/delete")
    Mono<Rendering> delete(@ModelAttribute("deletion") Deletion deletion, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        String confirm = deletion.confirm();
        return CurrentUser.of(exchange)
                .flatMap(user -> !"yes".equals(confirm)
                        ? Mono.just(settings(user.displayName(), Map.of("confirm",
                                problems.text("page.account.delete.confirmRequired", new Object[0], locale)), null)
                                .status(HttpStatus.BAD_REQUEST).build())
                        : accounts.delete(user.id(), Sessions.id(exchange)).then(sessions.logOut(exchange))
                                .thenReturn(problems.messagePage("page.account.deleted.title", "page.account.deleted.text", locale).build()))
                .switchIfEmpty(Mono.fromSupplier(() -> AccountPages.toLogin("/account")));
    }

    private static Rendering.Builder<?> settings(String displayName, Map<String, String> errors, String error) {
        return Rendering.view(ACCOUNT)
                .modelAttribute("displayName", displayName)
                .modelAttribute("errors", errors)
                .modelAttribute("error", error);
    }

    /** The account deletion form: {@code confirm=yes} when the box is ticked. */
    record Deletion(String confirm) {
    }
}

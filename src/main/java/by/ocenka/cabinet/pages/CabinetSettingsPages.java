package by.ocenka.cabinet.pages;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import by.ocenka.account.AccountRequests.StaffMember;
import by.ocenka.account.CertificateLoginProperties;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.cabinet.internal.Alerts;
import by.ocenka.cabinet.internal.CabinetSettings;
import by.ocenka.cabinet.internal.Colleagues;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.rating.ExtraCriteria.ExtraCriterion;
import by.ocenka.web.PageController;
import by.ocenka.web.ProblemTexts;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The cabinet's settings page for one organisation: the staff member's own alerts and the posters for everyone; the
 * extra criteria, colleagues (with their signature certificates) and the audit trail for its admins. Plain forms
 * (post, then back to the page), so it works without JavaScript; a refused change shows the page again with why.
 */
@PageController
class CabinetSettingsPages {

    static final String SETTINGS = "cabinet/cabinet-settings";

    private final CabinetSettings settings;
    private final Colleagues colleagues;
    private final CertificateLoginProperties certificateLogin;
    private final ProblemTexts problems;

    CabinetSettingsPages(CabinetSettings settings, Colleagues colleagues, CertificateLoginProperties certificateLogin,
                         ProblemTexts problems) {
        this.settings = settings;
        this.colleagues = colleagues;
        this.certificateLogin = certificateLogin;
        this.problems = problems;
    }

    @GetMapping("/cabinet/{id}/settings")
    Mono<Rendering> settings(@PathVariable long id, @RequestParam(required = false) String done,
                             ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(user -> page(user, id).map(page -> page.modelAttribute("done", done).build()))
                .switchIfEmpty(Mono.fromSupplier(() -> toLogin(id)));
    }

    @PostMapping("/cabinet/{id}/settings/alerts")
    Mono<Rendering> setAlerts(@PathVariable long id, ServerWebExchange exchange) {
        return change(id, "alerts", exchange, (user, form) -> settings.setAlerts(user, id,
                new Alerts.Setting(decimal(form.getFirst("maxMean")), form.getFirst("digest"))));
    }

    @PostMapping("/cabinet/{id}/settings/criteria")
    Mono<Rendering> addCriterion(@PathVariable long id, ServerWebExchange exchange) {
        return change(id, "criteria", exchange, (user, form) -> settings.addCriterion(user, id,
                new ExtraCriterion(null, Map.of("ru", trim(form.getFirst("ru")),
                        "be", trim(form.getFirst("be")), "en", trim(form.getFirst("en"))))));
    }

    @PostMapping("/cabinet/{id}/settings/criteria/{code}/remove")
    Mono<Rendering> removeCriterion(@PathVariable long id, @PathVariable String code, ServerWebExchange exchange) {
        return change(id, "criteria", exchange, (user, form) -> settings.removeCriterion(user, id, code));
    }

    @PostMapping("/cabinet/{id}/settings/staff")
    Mono<Rendering> addColleague(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return change(id, "staff", exchange, (user, form) -> {
            Role role = "ORG_ADMIN".equals(form.getFirst("role")) ? Role.ORG_ADMIN : Role.ORG_RESPONDER;
            String email = trim(form.getFirst("email"));
            String name = trim(form.getFirst("displayName"));
            if (email.isEmpty() || !email.contains("@") || email.length() > 254) {
                return Mono.error(ApiException.invalid("email", "validation.format"));
            }
            if (name.length() < 2 || name.length() > 80) {
                return Mono.error(ApiException.invalid("displayName", "validation.range", 2, 80));
            }
            return colleagues.add(user, id, email, name, role, locale).then();
        }, "invited");
    }

    @PostMapping("/cabinet/{id}/settings/staff/{userId}/remove")
    Mono<Rendering> removeColleague(@PathVariable long id, @PathVariable long userId, ServerWebExchange exchange) {
        return change(id, "staff", exchange, (user, form) -> {
            // The role may be held for a unit of the subtree: the form names the organisation it is held for.
            String role = form.getFirst("role");
            String organization = form.getFirst("organization");
            if (!"ORG_ADMIN".equals(role) && !"ORG_RESPONDER".equals(role)) {
                return Mono.error(ApiException.invalid("role", "validation.role"));
            }
            if (organization == null || !organization.matches("[0-9]{1,18}")) {
                return Mono.error(ApiException.invalid("organization", "validation.number"));
            }
            return colleagues.remove(user, Long.parseLong(organization), userId, Role.valueOf(role));
        });
    }

    @PostMapping("/cabinet/{id}/settings/invitations/{invitationId}/withdraw")
    Mono<Rendering> withdrawInvitation(@PathVariable long id, @PathVariable long invitationId, ServerWebExchange exchange) {
        return change(id, "staff", exchange, (user, form) -> colleagues.withdrawInvitation(user, id, invitationId),
                "withdrawn");
    }

    @PostMapping("/cabinet/{id}/settings/certificates/{fingerprint}/remove")
    Mono<Rendering> removeCertificate(@PathVariable long id, @PathVariable String fingerprint, ServerWebExchange exchange) {
        return change(id, "staff", exchange, (user, form) -> colleagues.removeCertificate(user, id, fingerprint));
    }

    /** Runs a change from a form: back to the page at its section, or the page again saying why not. */
    private Mono<Rendering> change(long id, String section, ServerWebExchange exchange,
                                   BiFunction<CurrentUser, MultiValueMap<String, String>, Mono<?>> action) {
        return change(id, section, exchange, action, section);
    }

    /** The same, the page then saying {@code done} happened (a key of {@code settings.done.*}, or "saved"). */
    private Mono<Rendering> change(long id, String section, ServerWebExchange exchange,
                                   BiFunction<CurrentUser, MultiValueMap<String, String>, Mono<?>> action, String done) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> CurrentUser.of(exchange)
                .flatMap(user -> Mono.defer(() -> action.apply(user, form))
                        .then(Mono.just(Rendering.redirectTo("/cabinet/" + id + "/settings?done=" + done + "#" + section).build()))
                        .onErrorResume(e -> e instanceof ApiException api && api.status().value() != 403
                                || e instanceof IllegalArgumentException, e -> page(user, id).map(page -> page
                                .modelAttribute("error", message(e, locale)).modelAttribute("errorSection", section)
                                .modelAttribute("form", form.toSingleValueMap())
                                .status(e instanceof ApiException api ? api.status() : HttpStatus.BAD_REQUEST)
                                .build())))
                .switchIfEmpty(Mono.fromSupplier(() -> toLogin(id))));
    }

    private Mono<Rendering.Builder<?>> page(CurrentUser user, long id) {
        return settings.view(user, id).map(view -> Rendering.view(SETTINGS)
                .modelAttribute("organizationId", id)
                .modelAttribute("organizationName", view.name())
                .modelAttribute("manages", view.manages())
                .modelAttribute("alerts", view.alerts())
                .modelAttribute("criteria", view.criteria())
                .modelAttribute("staff", view.staff())
                .modelAttribute("unitNames", view.unitNames())
                .modelAttribute("actorNames", actorNames(view.staff(), user))
                .modelAttribute("certificateLogin", certificateLogin.enabled())
                .modelAttribute("certificates", view.certificates())
                .modelAttribute("audit", view.audit())
                .modelAttribute("invitations", view.invitations())
                .modelAttribute("languages", Languages.SUPPORTED)
                .modelAttribute("form", Map.of())
                .modelAttribute("me", user.id()));
    }

    /** Who did what in the audit trail: the subtree's staff by name (others, such as portal admins, by id). */
    private static Map<Long, String> actorNames(List<StaffMember> staff, CurrentUser user) {
        Map<Long, String> names = new HashMap<>();
        staff.forEach(member -> names.put(member.userId(), member.displayName()));
        names.put(user.id(), user.displayName());
        return names;
    }

    private String message(Throwable e, Locale locale) {
        if (!(e instanceof ApiException api)) {
            return problems.text("problem.validation.detail", new Object[0], locale);
        }
        return problems.sentence(api, locale);
    }

    private static Rendering toLogin(long id) {
        return Rendering.redirectTo("/login?next=/cabinet/" + id + "/settings").build();
    }

    private static BigDecimal decimal(String value) {
        try {
            return value == null || value.isBlank() ? null : new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("maxMean", "validation.range", 1, 5);
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}

package by.ocenka.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import by.ocenka.account.CertificateLoginProperties;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.account.StaffInvitations;
import by.ocenka.cabinet.Alerts;
import by.ocenka.cabinet.CabinetAccess.Need;
import by.ocenka.cabinet.CabinetAccess;
import by.ocenka.cabinet.Colleagues;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.Languages;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.ExtraCriteria.ExtraCriterion;
import by.ocenka.rating.ExtraCriteria;
import org.springframework.stereotype.Controller;
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
@Controller
class CabinetSettingsPages {

    static final String SETTINGS = "cabinet-settings";

    private final CabinetAccess access;
    private final Organizations organizations;
    private final Alerts alerts;
    private final ExtraCriteria criteria;
    private final Colleagues colleagues;
    private final AuditLog audit;
    private final CertificateLoginProperties certificateLogin;
    private final ProblemTexts problems;

    CabinetSettingsPages(CabinetAccess access, Organizations organizations, Alerts alerts, ExtraCriteria criteria,
                         Colleagues colleagues, AuditLog audit, CertificateLoginProperties certificateLogin,
                         ProblemTexts problems) {
        this.access = access;
        this.organizations = organizations;
        this.alerts = alerts;
        this.criteria = criteria;
        this.colleagues = colleagues;
        this.audit = audit;
        this.certificateLogin = certificateLogin;
        this.problems = problems;
    }

    @GetMapping("/cabinet/{id}/settings")
    Mono<Rendering> settings(@PathVariable long id, @RequestParam(required = false) String done,
                             ServerWebExchange exchange) {
        return PageModel.currentUser(exchange)
                .flatMap(user -> page(user, id).map(page -> page.modelAttribute("done", done).build()))
                .switchIfEmpty(Mono.fromSupplier(() -> toLogin(id)));
    }

    @PostMapping("/cabinet/{id}/settings/alerts")
    Mono<Rendering> setAlerts(@PathVariable long id, ServerWebExchange exchange) {
        return change(id, "alerts", exchange, (user, form) -> access.check(user, id, Need.READ)
                .then(alerts.set(user, new Alerts.Setting(decimal(form.getFirst("maxMean")), form.getFirst("digest")))));
    }

    @PostMapping("/cabinet/{id}/settings/criteria")
    Mono<Rendering> addCriterion(@PathVariable long id, ServerWebExchange exchange) {
        return change(id, "criteria", exchange, (user, form) -> access.check(user, id, Need.MANAGE)
                .then(criteria.of(id))
                .flatMap(current -> {
                    List<ExtraCriterion> wanted = new ArrayList<>(current);
                    wanted.add(new ExtraCriterion(trim(form.getFirst("code")), Map.of("ru", trim(form.getFirst("ru")),
                            "be", trim(form.getFirst("be")), "en", trim(form.getFirst("en")))));
                    return criteria.replace(id, wanted, user);
                }));
    }

    @PostMapping("/cabinet/{id}/settings/criteria/{code}/remove")
    Mono<Rendering> removeCriterion(@PathVariable long id, @PathVariable String code, ServerWebExchange exchange) {
        return change(id, "criteria", exchange, (user, form) -> access.check(user, id, Need.MANAGE)
                .then(criteria.of(id))
                .flatMap(current -> criteria.replace(id,
                        current.stream().filter(c -> !c.code().equals(code)).toList(), user)));
    }

    @PostMapping("/cabinet/{id}/settings/staff")
    Mono<Rendering> addColleague(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = PageModel.locale(exchange);
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
        Locale locale = PageModel.locale(exchange);
        return exchange.getFormData().flatMap(form -> PageModel.currentUser(exchange)
                .flatMap(user -> Mono.defer(() -> action.apply(user, form))
                        .then(Mono.just(Rendering.redirectTo("/cabinet/" + id + "/settings?done=" + done + "#" + section).build()))
                        .onErrorResume(e -> e instanceof ApiException api && api.status().value() != 403
                                || e instanceof IllegalArgumentException, e -> page(user, id).map(page -> page
                                .modelAttribute("error", message(e, locale)).modelAttribute("errorSection", section)
                                .modelAttribute("form", form.toSingleValueMap())
                                .status(e instanceof ApiException api ? api.status() : org.springframework.http.HttpStatus.BAD_REQUEST)
                                .build())))
                .switchIfEmpty(Mono.fromSupplier(() -> toLogin(id))));
    }

    private Mono<Rendering.Builder<?>> page(CurrentUser user, long id) {
        return access.check(user, id, Need.READ).then(Mono.defer(() -> {
            return organizations.ancestors(id).flatMap(ancestors -> {
                boolean admin = CabinetAccess.covers(user, ancestors, Need.MANAGE);
                return Mono.zip(organizations.names(List.of(id)), alerts.of(user),
                                admin ? criteria.of(id) : Mono.just(List.<ExtraCriterion>of()),
                                admin ? colleagues.of(user, id) : Mono.just(List.<by.ocenka.account.AccountRequests.StaffMember>of()),
                                admin && certificateLogin.enabled() ? colleagues.certificates(user, id)
                                        : Mono.just(List.<by.ocenka.account.AccountCertificates.Registered>of()),
                                admin ? audit.ofSubtree(id, PageRequest.of(0, 30)).map(p -> p.items())
                                        : Mono.just(List.<AuditLog.Entry>of()),
                                admin ? colleagues.invitations(user, id) : Mono.just(List.<StaffInvitations.Pending>of()))
                        .flatMap(t -> organizations.names(java.util.stream.Stream.concat(
                                        t.getT4().stream().map(s -> s.organizationId()),
                                        t.getT7().stream().map(StaffInvitations.Pending::organizationId)).distinct().toList())
                                .map(unitNames -> Rendering.view(SETTINGS)
                                        .modelAttribute("organizationId", id)
                                        .modelAttribute("organizationName", t.getT1().get(id))
                                        .modelAttribute("manages", admin)
                                        .modelAttribute("alerts", t.getT2())
                                        .modelAttribute("criteria", t.getT3())
                                        .modelAttribute("staff", t.getT4())
                                        .modelAttribute("unitNames", unitNames)
                                        .modelAttribute("actorNames", actorNames(t.getT4(), user))
                                        .modelAttribute("certificateLogin", certificateLogin.enabled())
                                        .modelAttribute("certificates", t.getT5())
                                        .modelAttribute("audit", t.getT6())
                                        .modelAttribute("invitations", t.getT7())
                                        .modelAttribute("languages", Languages.SUPPORTED)
                                        .modelAttribute("form", Map.of())
                                        .modelAttribute("me", user.id())));
            });
        }));
    }

    /** Who did what in the audit trail: the subtree's staff by name (others, such as portal admins, by id). */
    private static Map<Long, String> actorNames(List<by.ocenka.account.AccountRequests.StaffMember> staff, CurrentUser user) {
        Map<Long, String> names = new java.util.HashMap<>();
        staff.forEach(member -> names.put(member.userId(), member.displayName()));
        names.put(user.id(), user.displayName());
        return names;
    }

    private String message(Throwable e, Locale locale) {
        if (!(e instanceof ApiException api)) {
            return problems.text("problem.validation.detail", new Object[0], locale);
        }
        String detail = problems.problem(api, locale).getDetail();
        Map<String, String> fields = problems.fieldMessages(api, locale);
        return fields.isEmpty() ? detail : detail + " " + String.join("; ", fields.values());
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

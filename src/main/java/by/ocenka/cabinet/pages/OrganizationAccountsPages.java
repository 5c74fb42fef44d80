package by.ocenka.cabinet.pages;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.PageGate;
import by.ocenka.account.Role;
import by.ocenka.cabinet.internal.OrganizationAccounts;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.platform.PageRequest;
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
 * The portal admin's page for organisation accounts: issue one as the procedure asks (full name, position, e-mail,
 * role, the organisation and its UNP), see who holds which role where, take a role back. Plain forms, so it works
 * without JavaScript; a refused form comes back with each error next to its field and what was typed kept.
 */
@PageController
class OrganizationAccountsPages {

    static final String VIEW = "cabinet/admin-accounts";
    private static final String PATH = "/admin/accounts";
    private static final Pattern TRAILING_NUMBER = Pattern.compile("([0-9]{1,18})/?$");

    /** What was typed, kept when the form comes back. */
    record Values(String email, String displayName, String position, String unp, String organization, String role) {
        static final Values EMPTY = new Values("", "", "", "", "", "org-admin");
    }

    private final OrganizationAccounts accounts;
    private final ProblemTexts problems;

    OrganizationAccountsPages(OrganizationAccounts accounts, ProblemTexts problems) {
        this.accounts = accounts;
        this.problems = problems;
    }

    @GetMapping(PATH)
    Mono<Rendering> page(@RequestParam(required = false) Integer page, @RequestParam(required = false) String done,
                         ServerWebExchange exchange) {
        return PageGate.admin(exchange, PATH, user -> view(user, page, Values.EMPTY, Map.of()).map(view -> view.modelAttribute("done", done).build()));
    }

    @PostMapping(PATH)
    Mono<Rendering> issue(ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> PageGate.admin(exchange, PATH, user -> {
            Values values = new Values(text(form, "email"), text(form, "displayName"), text(form, "position"),
                    text(form, "unp"), text(form, "organization"), text(form, "role"));
            Map<String, String> errors = new LinkedHashMap<>();
            Matcher id = TRAILING_NUMBER.matcher(values.organization());
            if (!id.find()) {
                errors.put("organizationId", problems.text("validation.required", new Object[0], locale));
            }
            if (values.position().isEmpty()) {
                errors.put("position", problems.text("validation.required", new Object[0], locale));
            }
            if (values.unp().isEmpty()) {
                errors.put("unp", problems.text("validation.required", new Object[0], locale));
            }
            if (!errors.isEmpty()) {
                return view(user, null, values, errors).map(view -> view.status(HttpStatus.BAD_REQUEST).build());
            }
            return accounts.issue(user, new OrganizationAccounts.Issue(values.email(), values.displayName(),
                            values.position(), values.unp(), Long.valueOf(id.group(1)), values.role()), locale)
                    .map(issued -> Rendering.redirectTo(PATH + "?done=" + issued.status()).build())
                    .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.BAD_REQUEST
                            ? view(user, null, values, problems.fieldMessages(e, locale))
                                    .map(view -> view.status(HttpStatus.BAD_REQUEST).build())
                            : Mono.error(e));
        }));
    }

    @PostMapping(PATH + "/{userId}/revoke")
    Mono<Rendering> revoke(@PathVariable long userId, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> PageGate.admin(exchange, PATH, user -> {
            String role = text(form, "role");
            String organization = text(form, "organization");
            if (!role.equals(Role.ORG_ADMIN.name()) && !role.equals(Role.ORG_RESPONDER.name())
                    || !organization.matches("[0-9]{1,18}")) {
                return Mono.error(ApiException.invalid("role", "validation.role"));
            }
            return accounts.revoke(user, userId, Role.valueOf(role), Long.parseLong(organization))
                    .map(removed -> Rendering.redirectTo(PATH + "?done=" + (removed ? "revoked" : "none")).build());
        }));
    }

    private Mono<Rendering.Builder<?>> view(CurrentUser user, Integer page, Values values, Map<String, String> errors) {
        return accounts.list(user, PageRequest.of(page, 50)).map(list -> Rendering.view(VIEW)
                .modelAttribute("accounts", list)
                .modelAttribute("values", values)
                .modelAttribute("errors", errors));
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value.strip();
    }
}

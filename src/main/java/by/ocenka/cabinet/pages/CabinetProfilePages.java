package by.ocenka.cabinet.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.internal.CabinetProfiles;
import by.ocenka.catalog.OrganizationProfile;
import by.ocenka.moderation.ChangeRequestRecords;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
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
 * The organisation's details as its admins keep them: contacts, hours, a description and the list of services and
 * procedures. One plain form (each service a row of fields, with empty rows to add more and a box to remove one), so
 * it works without JavaScript; a refused form comes back with each error next to its field and what was typed kept.
 * Below it, the name, UNP and parent, which the moderators change on the admins' request (a second form).
 */
@PageController
class CabinetProfilePages {

    static final String VIEW = "cabinet/cabinet-profile";
    /** Empty service rows under the organisation's own, to add new ones without JavaScript. */
    private static final int NEW_ROWS = 3;

    /** One row of the services' table as the form shows it. */
    record ServiceRow(String id, String ru, String be, String en, boolean procedure) {
    }

    private final CabinetProfiles profiles;
    private final ProblemTexts problems;

    CabinetProfilePages(CabinetProfiles profiles, ProblemTexts problems) {
        this.profiles = profiles;
        this.problems = problems;
    }

    @GetMapping("/cabinet/{id}/profile")
    Mono<Rendering> profile(@PathVariable long id, @RequestParam(required = false) String saved,
                            @RequestParam(required = false) String requested, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(user -> page(user, id, view -> form(view, view.profile(), rows(view.profile()), Map.of()),
                        Map.of(), Map.of())
                        .map(page -> page.modelAttribute("saved", saved != null)
                                .modelAttribute("requested", requested != null).build()))
                .switchIfEmpty(Mono.fromSupplier(() -> toLogin(id)));
    }

    /**
     * Asks the moderators to change the name, UNP or parent (given by its UNP); back on the profile page, which says
     * the request was sent, or with each error next to its field and what was typed kept.
     */
    @PostMapping("/cabinet/{id}/change-requests")
    Mono<Rendering> requestChange(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> CurrentUser.of(exchange).flatMap(user -> {
            Map<String, String> typed = new LinkedHashMap<>();
            for (String field : List.of("name", "unp", "parentUnp", "comment")) {
                typed.put(field, text(form, field));
            }
            ChangeRequestRecords.Submission submission = new ChangeRequestRecords.Submission(typed.get("name"),
                    typed.get("unp"), null, typed.get("parentUnp"), typed.get("comment"));
            return profiles.requestChange(user, id, submission)
                    .then(Mono.just(Rendering.redirectTo("/cabinet/" + id + "/profile?requested=1#identity").build()))
                    .onErrorResume(e -> e instanceof ApiException api && api.status() == HttpStatus.BAD_REQUEST,
                            e -> page(user, id, view -> form(view, view.profile(), rows(view.profile()), Map.of()), typed,
                                    changeErrors(problems.fieldMessages((ApiException) e, locale)))
                                    .map(page -> page.status(HttpStatus.BAD_REQUEST).build()));
        }).switchIfEmpty(Mono.fromSupplier(() -> toLogin(id))));
    }

    /** The API's field names as the change form's ({@code parentId} is asked as the parent's UNP). */
    private static Map<String, String> changeErrors(Map<String, String> errors) {
        Map<String, String> named = new LinkedHashMap<>();
        errors.forEach((field, message) -> named.put(field.equals("parentId") ? "parentUnp" : field, message));
        return named;
    }

    @PostMapping("/cabinet/{id}/profile")
    Mono<Rendering> save(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> CurrentUser.of(exchange).flatMap(user -> {
            List<ServiceRow> rows = rows(form);
            OrganizationProfile wanted = new OrganizationProfile(form.getFirst("address"), form.getFirst("phone"),
                    form.getFirst("email"), form.getFirst("site"), form.getFirst("hours"), form.getFirst("description"),
                    services(rows));
            return profiles.replace(user, id, wanted)
                    .then(Mono.just(Rendering.redirectTo("/cabinet/" + id + "/profile?saved=1").build()))
                    .onErrorResume(e -> e instanceof ApiException api && api.status() == HttpStatus.BAD_REQUEST,
                            e -> page(user, id, view -> form(view, wanted, rows,
                                            rowErrors(problems.fieldMessages((ApiException) e, locale))), Map.of(), Map.of())
                                    .map(page -> page.status(HttpStatus.BAD_REQUEST).build()));
        }).switchIfEmpty(Mono.fromSupplier(() -> toLogin(id))));
    }

    /** The page: the details' form as {@code form} fills it, and the name, UNP and parent with the change form. */
    private Mono<Rendering.Builder<?>> page(CurrentUser user, long id, Function<CabinetProfiles.View, Rendering.Builder<?>> form,
                                            Map<String, String> changeValues, Map<String, String> changeErrors) {
        return Mono.zip(profiles.view(user, id), profiles.changeRequests(user, id))
                .map(t -> form.apply(t.getT1())
                        .modelAttribute("changes", t.getT2())
                        .modelAttribute("changeValues", changeValues)
                        .modelAttribute("changeErrors", changeErrors)
                        .modelAttribute("saved", false)
                        .modelAttribute("requested", false));
    }

    private static Rendering.Builder<?> form(CabinetProfiles.View view, OrganizationProfile values, List<ServiceRow> rows,
                                             Map<String, String> errors) {
        List<ServiceRow> shown = new ArrayList<>(rows);
        for (int i = 0; i < NEW_ROWS; i++) {
            shown.add(new ServiceRow("", "", "", "", false));
        }
        return Rendering.view(VIEW)
                .modelAttribute("organizationId", view.organizationId())
                .modelAttribute("organizationName", view.name())
                .modelAttribute("values", values)
                .modelAttribute("rows", shown)
                .modelAttribute("errors", errors);
    }

    private static List<ServiceRow> rows(OrganizationProfile profile) {
        return profile.services().stream().map(s -> new ServiceRow(String.valueOf(s.id()), s.name().getOrDefault("ru", ""),
                s.name().getOrDefault("be", ""), s.name().getOrDefault("en", ""), s.procedure())).toList();
    }

    /** The rows as posted, less those marked for removal and those left empty. */
    private static List<ServiceRow> rows(MultiValueMap<String, String> form) {
        List<ServiceRow> rows = new ArrayList<>();
        for (int i = 0; form.containsKey("s" + i + ".ru"); i++) {
            String prefix = "s" + i + ".";
            ServiceRow row = new ServiceRow(text(form, prefix + "id"), text(form, prefix + "ru"), text(form, prefix + "be"),
                    text(form, prefix + "en"), form.containsKey(prefix + "procedure"));
            boolean empty = row.ru().isEmpty() && row.be().isEmpty() && row.en().isEmpty();
            if (!form.containsKey(prefix + "remove") && !empty) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<OrganizationProfile.Service> services(List<ServiceRow> rows) {
        return rows.stream().map(row -> new OrganizationProfile.Service(row.id().matches("[0-9]{1,18}")
                ? Long.valueOf(row.id()) : null, Map.of("ru", row.ru(), "be", row.be(), "en", row.en()), row.procedure()))
                .toList();
    }

    /** The API's field names for services ({@code services[2].name.ru}) as the form's ({@code s2.ru}). */
    private static Map<String, String> rowErrors(Map<String, String> errors) {
        Map<String, String> named = new LinkedHashMap<>();
        errors.forEach((field, message) -> named.put(field.replaceAll("^services\\[(\\d+)]\\.name\\.ru$", "s$1.ru"), message));
        return named;
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value.strip();
    }

    private static Rendering toLogin(long id) {
        return Rendering.redirectTo("/login?next=/cabinet/" + id + "/profile").build();
    }
}

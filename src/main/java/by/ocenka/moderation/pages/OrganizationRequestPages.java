package by.ocenka.moderation.pages;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import by.ocenka.account.CurrentUser;
import by.ocenka.catalog.CatalogService;
import by.ocenka.catalog.Unp;
import by.ocenka.moderation.ModerationService;
import by.ocenka.moderation.OrganizationRequests.Submission;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.platform.PageRequest;
import by.ocenka.web.PageController;
import by.ocenka.web.ProblemTexts;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * A citizen reports an organisation the catalogue lacks (a search that finds nothing links here with what was typed):
 * the request goes to the moderators, and the page lists the citizen's requests with their state and, when refused,
 * the reason. Signed-in citizens only: a request is answered to its author.
 */
@PageController
class OrganizationRequestPages {

    static final String VIEW = "moderation/organization-request";
    private static final String PATH = "/organizations/new";

    /** What was typed, kept when the form comes back with errors. */
    record Values(String name, String address, String sphereId, String unp, String comment) {
        static Values of(MultiValueMap<String, String> form) {
            return new Values(text(form, "name"), text(form, "address"), text(form, "sphereId"), text(form, "unp"),
                    text(form, "comment"));
        }

        private static String text(MultiValueMap<String, String> form, String field) {
            String value = form.getFirst(field);
            return value == null ? "" : value.strip();
        }
    }

    private final ModerationService moderation;
    private final CatalogService catalog;
    private final ProblemTexts problems;

    OrganizationRequestPages(ModerationService moderation, CatalogService catalog, ProblemTexts problems) {
        this.moderation = moderation;
        this.catalog = catalog;
        this.problems = problems;
    }

    @GetMapping(PATH)
    Mono<Rendering> form(@RequestParam(required = false) String name, @RequestParam(required = false) Long sent,
                         ServerWebExchange exchange) {
        String typed = name == null ? "" : name.strip();
        return CurrentUser.of(exchange)
                .flatMap(user -> page(user, new Values(typed, "", "", "", ""), Map.of(), sent, Languages.of(exchange)))
                .map(Rendering.Builder::build)
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo(UriComponentsBuilder.fromPath("/login")
                        .queryParam("next", UriComponentsBuilder.fromPath(PATH).queryParamIfPresent("name",
                                Optional.of(typed).filter(value -> !value.isEmpty())).build().toUriString())
                        .encode().build().toUriString()).build()));
    }

    /** Checked as the API checks it; errors come back next to their fields with what was typed kept. */
    @PostMapping(PATH)
    Mono<Rendering> send(ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> CurrentUser.of(exchange).flatMap(user -> {
            Values values = Values.of(form);
            Map<String, String> errors = problems(values, locale);
            if (!errors.isEmpty()) {
                return page(user, values, errors, null, locale).map(page -> page.status(HttpStatus.BAD_REQUEST).build());
            }
            Submission submission = new Submission(values.name(), values.address(), Integer.valueOf(values.sphereId()),
                    values.unp().isEmpty() ? null : values.unp(), values.comment().isEmpty() ? null : values.comment());
            return moderation.submit(user.id(), submission)
                    .map(request -> Rendering.redirectTo(PATH + "?sent=" + request.id()).build())
                    .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.BAD_REQUEST
                            ? page(user, values, problems.fieldMessages(e, locale), null, locale)
                                    .map(page -> page.status(HttpStatus.BAD_REQUEST).build())
                            : Mono.error(e));
        }).switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=" + PATH).build())));
    }

    private Map<String, String> problems(Values values, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (values.name().length() < 3) {
            errors.put("name", problems.text(values.name().isEmpty() ? "validation.required" : "validation.tooShort",
                    new Object[] {3}, locale));
        } else if (values.name().length() > 300) {
            errors.put("name", problems.text("validation.tooLong", new Object[] {300}, locale));
        }
        if (values.address().isEmpty()) {
            errors.put("address", problems.text("validation.required", new Object[0], locale));
        } else if (values.address().length() > 300) {
            errors.put("address", problems.text("validation.tooLong", new Object[] {300}, locale));
        }
        if (!values.sphereId().matches("\\d{1,4}")) {
            errors.put("sphereId", problems.text("validation.required", new Object[0], locale));
        }
        if (!values.unp().isEmpty() && !Unp.isValid(values.unp())) {
            errors.put("unp", problems.text("validation.unp", new Object[0], locale));
        }
        if (values.comment().length() > 2000) {
            errors.put("comment", problems.text("validation.tooLong", new Object[] {2000}, locale));
        }
        return errors;
    }

    private Mono<Rendering.Builder<?>> page(CurrentUser user, Values values, Map<String, String> errors, Long sent,
                                            Locale locale) {
        return Mono.zip(catalog.spheres(locale), moderation.mine(user.id(), PageRequest.of(null, 20)))
                .map(t -> Rendering.view(VIEW)
                        .modelAttribute("spheres", t.getT1())
                        .modelAttribute("mine", t.getT2().items())
                        .modelAttribute("values", values)
                        .modelAttribute("errors", errors)
                        .modelAttribute("sent", sent));
    }
}

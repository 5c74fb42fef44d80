package by.ocenka.cabinet.pages;

import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.internal.ReplyTemplates;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.web.PageController;
import by.ocenka.web.ProblemTexts;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The reply templates page of an organisation: its staff read the templates they may start a reply from (its own and
 * the bodies' above it); its admins add, change and remove its own. Plain forms, back to the page saying what was
 * saved, or the page again saying why not.
 */
@PageController
class ReplyTemplatePages {

    static final String TEMPLATES = "cabinet/reply-templates";

    private final ReplyTemplates templates;
    private final ProblemTexts problems;

    ReplyTemplatePages(ReplyTemplates templates, ProblemTexts problems) {
        this.templates = templates;
        this.problems = problems;
    }

    @GetMapping("/cabinet/{id}/reply-templates")
    Mono<Rendering> page(@PathVariable long id, @RequestParam(required = false) String done, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(user -> page(user, id).map(page -> page
                        .modelAttribute("done", done == null ? null : switch (done) {
                            case "added" -> "templates.added";
                            case "saved" -> "templates.saved";
                            case "removed" -> "templates.removed";
                            default -> null;
                        }).build()))
                .switchIfEmpty(Mono.fromSupplier(() -> toLogin(id)));
    }

    @PostMapping("/cabinet/{id}/reply-templates")
    Mono<Rendering> add(@PathVariable long id, ServerWebExchange exchange) {
        return change(id, "added", null, exchange,
                (user, form) -> templates.add(user, id, form.getFirst("title"), form.getFirst("text")));
    }

    @PostMapping("/cabinet/{id}/reply-templates/{templateId}")
    Mono<Rendering> save(@PathVariable long id, @PathVariable long templateId, ServerWebExchange exchange) {
        return change(id, "saved", templateId, exchange,
                (user, form) -> templates.change(user, id, templateId, form.getFirst("title"), form.getFirst("text")));
    }

    @PostMapping("/cabinet/{id}/reply-templates/{templateId}/remove")
    Mono<Rendering> remove(@PathVariable long id, @PathVariable long templateId, ServerWebExchange exchange) {
        return change(id, "removed", templateId, exchange, (user, form) -> templates.remove(user, id, templateId));
    }

    /** Runs a change from a form: back to the page saying it was done, or the page again saying why not (403 goes on). */
    private Mono<Rendering> change(long id, String done, Long templateId, ServerWebExchange exchange,
                                   BiFunction<CurrentUser, MultiValueMap<String, String>, Mono<?>> action) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> CurrentUser.of(exchange)
                .flatMap(user -> Mono.defer(() -> action.apply(user, form))
                        .then(Mono.just(Rendering.redirectTo("/cabinet/" + id + "/reply-templates?done=" + done).build()))
                        .onErrorResume(e -> e instanceof ApiException api && api.status().value() != 403,
                                e -> page(user, id).map(page -> page
                                        .modelAttribute("error", problems.sentence((ApiException) e, locale))
                                        .modelAttribute("errorTemplate", templateId == null ? -1L : templateId)
                                        .modelAttribute("form", form.toSingleValueMap())
                                        .status(((ApiException) e).status())
                                        .build())))
                .switchIfEmpty(Mono.fromSupplier(() -> toLogin(id))));
    }

    private Mono<Rendering.Builder<?>> page(CurrentUser user, long id) {
        return templates.view(user, id).map(view -> Rendering.view(TEMPLATES)
                .modelAttribute("organizationId", id)
                .modelAttribute("organizationName", view.name())
                .modelAttribute("manages", view.manages())
                .modelAttribute("templates", view.templates())
                .modelAttribute("maxTemplates", ReplyTemplates.MAX_TEMPLATES)
                .modelAttribute("form", Map.of()));
    }

    private static Rendering toLogin(long id) {
        return Rendering.redirectTo("/login?next=/cabinet/" + id + "/reply-templates").build();
    }
}

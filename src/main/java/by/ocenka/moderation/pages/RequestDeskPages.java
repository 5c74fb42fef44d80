package by.ocenka.moderation.pages;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import by.ocenka.catalog.CatalogService;
import by.ocenka.moderation.ChangeRequests;
import by.ocenka.moderation.ModerationService;
import by.ocenka.moderation.OrganizationRequests.Approval;
import by.ocenka.moderation.OrganizationRequests.Status;
import by.ocenka.moderation.ReviewRequests;
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
 * The moderators' queue of citizens' requests to add an organisation: each one approved into the catalogue (the
 * moderator picks the category and district and may correct the rest) or rejected with a reason; either way the
 * citizen is mailed; and organisations' requests to change their name, UNP or parent, applied or rejected likewise.
 * Plain forms, so it works without JavaScript; a refused decision comes back saying why.
 */
@PageController
class RequestDeskPages {

    static final String VIEW = "moderation/requests";
    private static final String PATH = "/moderation/requests";
    private static final int PAGE_SIZE = 20;

    private final ModerationService moderation;
    private final ChangeRequests changes;
    private final ReviewRequests reviews;
    private final CatalogService catalog;
    private final ProblemTexts problems;

    RequestDeskPages(ModerationService moderation, ChangeRequests changes, ReviewRequests reviews, CatalogService catalog,
                     ProblemTexts problems) {
        this.reviews = reviews;
        this.changes = changes;
        this.moderation = moderation;
        this.catalog = catalog;
        this.problems = problems;
    }

    @GetMapping(PATH)
    Mono<Rendering> queue(@RequestParam(required = false) Integer page, @RequestParam(required = false) String done,
                          @RequestParam(required = false) Long organization, ServerWebExchange exchange) {
        return ModerationPages.moderator(exchange, PATH, user -> view(page, Languages.of(exchange))
                .map(view -> view.modelAttribute("done", done).modelAttribute("organization", organization).build()));
    }

    @PostMapping(PATH + "/{id}/approve")
    Mono<Rendering> approve(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> ModerationPages.moderator(exchange, PATH, user -> {
            Approval approval = new Approval(text(form, "name"), null, text(form, "address"), null,
                    number(form, "categoryId"), number(form, "districtId"), text(form, "unp"), null, null, null,
                    null, null, null);
            return moderation.approve(id, user.id(), approval, locale)
                    .map(approved -> Rendering.redirectTo(PATH + "?done=approved&organization="
                            + approved.organizationId()).build())
                    .onErrorResume(ApiException.class, e -> refused(id, e, locale));
        }));
    }

    @PostMapping(PATH + "/{id}/reject")
    Mono<Rendering> reject(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> ModerationPages.moderator(exchange, PATH, user -> {
            String reason = text(form, "reason");
            if (reason == null || reason.length() < 3 || reason.length() > 1000) {
                return refused(id, ApiException.invalid("reason", "validation.range", 3, 1000), locale);
            }
            return moderation.reject(id, user.id(), reason, locale)
                    .map(rejected -> Rendering.redirectTo(PATH + "?done=rejected").build())
                    .onErrorResume(ApiException.class, e -> refused(id, e, locale));
        }));
    }

    /** Applies an organisation's requested change of name, UNP or parent to the catalogue. */
    @PostMapping("/moderation/change-requests/{id}/approve")
    Mono<Rendering> approveChange(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return ModerationPages.moderator(exchange, PATH, user -> changes.approve(id, user.id(), locale)
                .map(changed -> Rendering.redirectTo(PATH + "?done=changed&organization=" + changed.organizationId()).build())
                .onErrorResume(ApiException.class, e -> refusedChange(id, e, locale)));
    }

    @PostMapping("/moderation/change-requests/{id}/reject")
    Mono<Rendering> rejectChange(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> ModerationPages.moderator(exchange, PATH, user -> {
            String reason = text(form, "reason");
            if (reason == null || reason.length() < 3 || reason.length() > 1000) {
                return refusedChange(id, ApiException.invalid("reason", "validation.range", 3, 1000), locale);
            }
            return changes.reject(id, user.id(), reason, locale)
                    .map(rejected -> Rendering.redirectTo(PATH + "?done=change-rejected").build())
                    .onErrorResume(ApiException.class, e -> refusedChange(id, e, locale));
        }));
    }

    /** Takes a questionnaire an organisation doubted out of the count (upheld), or keeps it (dismissed), with an answer. */
    @PostMapping("/moderation/review-requests/{id}/{decision:uphold|dismiss}")
    Mono<Rendering> decideReview(@PathVariable long id, @PathVariable String decision, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> ModerationPages.moderator(exchange, PATH, user -> {
            String answer = text(form, "answer");
            Mono<ReviewRequests.View> decided = decision.equals("uphold") ? reviews.uphold(id, user.id(), answer, locale)
                    : reviews.dismiss(id, user.id(), answer, locale);
            return decided.map(done -> Rendering.redirectTo(PATH + "?done=review-" + decision).build())
                    .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.CONFLICT
                            ? Mono.just(Rendering.redirectTo(PATH + "?done=already").build())
                            : view(null, locale).map(view -> view.modelAttribute("failedReview", id)
                                    .modelAttribute("error", why(e, locale, field -> "mod.review.answer"))
                                    .status(e.status()).build()));
        }));
    }

    /** The desk again, the change request's own form saying why it was refused (409: another moderator's). */
    private Mono<Rendering> refusedChange(long id, ApiException e, Locale locale) {
        if (e.status() == HttpStatus.CONFLICT) {
            return Mono.just(Rendering.redirectTo(PATH + "?done=already").build());
        }
        String message = why(e, locale, field -> "change." + (field.equals("parentId") ? "parent" : field));
        return view(null, locale).map(view -> view.modelAttribute("failedChange", id).modelAttribute("error", message)
                .status(e.status()).build());
    }

    /** The queue again, the request's own form saying why the decision was refused (409: another moderator's). */
    private Mono<Rendering> refused(long id, ApiException e, Locale locale) {
        if (e.status() == HttpStatus.CONFLICT) {
            return Mono.just(Rendering.redirectTo(PATH + "?done=already").build());
        }
        String message = why(e, locale, field -> "mod.request.field." + field.replace("header.", ""));
        return view(null, locale).map(view -> view.modelAttribute("failed", id).modelAttribute("error", message)
                .status(e.status()).build());
    }

    /** Why a decision was refused, in words: the problem's detail, or each field's label (its key) and error. */
    private String why(ApiException e, Locale locale, Function<String, String> labelKey) {
        Map<String, String> fields = problems.fieldMessages(e, locale);
        return fields.isEmpty() ? problems.problem(e, locale).getDetail()
                : String.join("; ", fields.entrySet().stream()
                        .map(f -> problems.text(labelKey.apply(f.getKey()), new Object[0], locale) + ": " + f.getValue())
                        .toList());
    }

    private Mono<Rendering.Builder<?>> view(Integer page, Locale locale) {
        return Mono.zip(moderation.queue(Status.PENDING, PageRequest.of(page, PAGE_SIZE)), catalog.spheres(locale),
                        catalog.regions(locale), changes.queue(Status.PENDING, PageRequest.of(0, PAGE_SIZE)),
                        reviews.queue(PageRequest.of(0, PAGE_SIZE)))
                .map(t -> Rendering.view(VIEW)
                        .modelAttribute("reviews", t.getT5())
                        .modelAttribute("requests", t.getT1())
                        .modelAttribute("changes", t.getT4())
                        .modelAttribute("spheres", t.getT2())
                        .modelAttribute("regions", t.getT3())
                        .modelAttribute("tabs", ModerationPages.TABS)
                        .modelAttribute("tab", "requests"));
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Integer number(MultiValueMap<String, String> form, String field) {
        String value = text(form, field);
        return value != null && value.matches("[0-9]{1,9}") ? Integer.valueOf(value) : null;
    }
}

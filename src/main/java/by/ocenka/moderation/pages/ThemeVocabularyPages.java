package by.ocenka.moderation.pages;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.rating.Theme;
import by.ocenka.rating.ThemeTerms;
import by.ocenka.web.PageController;
import by.ocenka.web.ProblemTexts;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The themes' vocabulary on the moderators' desk: each theme's shipped lines counted, the lines moderators added (each
 * removable), a form to add one, and a box to try a comment against the vocabulary as it stands. A change re-tags every
 * comment behind it, which the page says. The same service as {@code /api/v1/moderation/theme-terms} decides.
 */
@PageController
class ThemeVocabularyPages {

    static final String VIEW = "moderation/themes";
    private static final String PATH = "/moderation/themes";

    private final ThemeTerms terms;
    private final ProblemTexts problems;

    ThemeVocabularyPages(ThemeTerms terms, ProblemTexts problems) {
        this.terms = terms;
        this.problems = problems;
    }

    @GetMapping(PATH)
    Mono<Rendering> page(@RequestParam(required = false) String done, @RequestParam(required = false) String sample,
                         ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return ModerationPages.moderator(exchange, PATH, user -> {
            Mono<Map<String, Object>> tried = sample == null || sample.isBlank() ? Mono.just(Map.of())
                    : terms.tryOn(sample).map(found -> Map.<String, Object>of("found", codes(found)))
                            .onErrorResume(ApiException.class, e -> Mono.just(Map.of("sampleError", problems.sentence(e, locale))));
            return tried.flatMap(result -> view(Map.of()).map(view -> {
                result.forEach(view::modelAttribute);
                return view.modelAttribute("done", "added".equals(done) || "removed".equals(done) ? done : null)
                        .modelAttribute("sample", sample == null ? "" : sample).build();
            }));
        });
    }

    @PostMapping(PATH)
    Mono<Rendering> add(ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> ModerationPages.moderator(exchange, PATH, user ->
                terms.add(form.getFirst("theme"), form.getFirst("term"), user.id())
                        .map(id -> Rendering.redirectTo(PATH + "?done=added#added").build())
                        .onErrorResume(e -> e instanceof ApiException api && api.status().value() != 403,
                                e -> view(form.toSingleValueMap()).map(view -> view
                                        .modelAttribute("error", problems.sentence((ApiException) e, locale))
                                        .modelAttribute("sample", "")
                                        .status(((ApiException) e).status()).build()))));
    }

    @PostMapping(PATH + "/{id}/remove")
    Mono<Rendering> remove(@PathVariable long id, ServerWebExchange exchange) {
        return ModerationPages.moderator(exchange, PATH, user -> terms.remove(id)
                .then(Mono.just(Rendering.redirectTo(PATH + "?done=removed#added").build()))
                .onErrorResume(ApiException.class, e -> e.status().value() == 404
                        ? Mono.just(Rendering.redirectTo(PATH + "#added").build()) : Mono.error(e))); // gone already
    }

    private Mono<Rendering.Builder<?>> view(Map<String, String> form) {
        return terms.added().map(added -> Rendering.view(VIEW)
                .modelAttribute("tabs", ModerationPages.TABS)
                .modelAttribute("themes", Theme.named().stream().map(Theme::code).toList())
                .modelAttribute("shipped", codesOf(terms.shippedLines()))
                .modelAttribute("added", added)
                .modelAttribute("form", form));
    }

    private static List<String> codes(Set<Theme> themes) {
        return themes.stream().map(Theme::code).toList();
    }

    private static Map<String, Integer> codesOf(Map<Theme, Integer> counts) {
        Map<String, Integer> byCode = new java.util.LinkedHashMap<>();
        counts.forEach((theme, n) -> byCode.put(theme.code(), n));
        return byCode;
    }
}

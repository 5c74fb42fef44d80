package by.ocenka.account.pages;

import java.util.Locale;
import java.util.Map;

import by.ocenka.account.AccountRequests.NewModerator;
import by.ocenka.account.Moderators;
import by.ocenka.account.PageGate;
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
 * The portal admin's page of moderators: issue the role (a new address gets an account, an existing one an offer its
 * owner accepts), see who holds it and whose offer is open, take it back or withdraw an offer. Plain forms, so it works
 * without JavaScript; a refused form comes back with each error next to its field and what was typed kept.
 */
@PageController
class ModeratorsPages {

    static final String VIEW = "account/admin-moderators";
    private static final String PATH = "/admin/moderators";

    private final Moderators moderators;
    private final ProblemTexts problems;

    ModeratorsPages(Moderators moderators, ProblemTexts problems) {
        this.moderators = moderators;
        this.problems = problems;
    }

    @GetMapping(PATH)
    Mono<Rendering> page(@RequestParam(required = false) String done, ServerWebExchange exchange) {
        return PageGate.admin(exchange, PATH, user -> view(Map.of(), Map.of()).map(view -> view.modelAttribute("done", done).build()));
    }

    @PostMapping(PATH)
    Mono<Rendering> issue(ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> PageGate.admin(exchange, PATH, user -> {
            Map<String, String> typed = Map.of("email", text(form, "email"), "displayName", text(form, "displayName"));
            return moderators.issue(new NewModerator(typed.get("email"), typed.get("displayName")), user.id(), locale)
                    .map(issued -> Rendering.redirectTo(PATH + "?done=" + issued.name().toLowerCase(Locale.ROOT)).build())
                    .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.BAD_REQUEST
                            ? view(typed, problems.fieldMessages(e, locale)).map(view -> view.status(HttpStatus.BAD_REQUEST).build())
                            : Mono.error(e));
        }));
    }

    @PostMapping(PATH + "/{userId}/revoke")
    Mono<Rendering> revoke(@PathVariable long userId, ServerWebExchange exchange) {
        return PageGate.admin(exchange, PATH, user -> moderators.revoke(userId)
                .map(removed -> Rendering.redirectTo(PATH + "?done=" + (removed ? "revoked" : "none")).build()));
    }

    @PostMapping(PATH + "/invitations/{id}/withdraw")
    Mono<Rendering> withdraw(@PathVariable long id, ServerWebExchange exchange) {
        return PageGate.admin(exchange, PATH, user -> moderators.withdraw(id)
                .map(withdrawn -> Rendering.redirectTo(PATH + "?done=withdrawn").build())
                .onErrorResume(ApiException.class, e -> Mono.just(Rendering.redirectTo(PATH + "?done=none").build())));
    }

    private Mono<Rendering.Builder<?>> view(Map<String, String> values, Map<String, String> errors) {
        return Mono.zip(moderators.list(), moderators.pending()).map(t -> Rendering.view(VIEW)
                .modelAttribute("moderators", t.getT1())
                .modelAttribute("pending", t.getT2())
                .modelAttribute("values", values)
                .modelAttribute("errors", errors));
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value.strip();
    }
}

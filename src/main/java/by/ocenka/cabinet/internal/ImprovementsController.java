package by.ocenka.cabinet.internal;

import java.util.List;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.CabinetRecords.ImprovementCreated;
import by.ocenka.cabinet.CabinetRecords.ImprovementRequest;
import by.ocenka.cabinet.CabinetRecords.ImprovementView;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** «Вы сказали — мы сделали» over HTTP ({@link Improvements}): published from the cabinet, read by everyone. */
@RestController
@Tag(name = "Cabinet")
class ImprovementsController {

    private final Improvements improvements;
    private final Organizations organizations;

    ImprovementsController(Improvements improvements, Organizations organizations) {
        this.improvements = improvements;
        this.organizations = organizations;
    }

    @PostMapping("/api/v1/cabinet/organizations/{id}/improvements")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publishes an improvement (the organisation's admins): a title of at most 120 characters, a text "
            + "of at most 4,000, the theme of the comments it answers (queue, politeness, information, hours, premises, "
            + "online, competence, term) and the day it took effect (yyyy-MM-dd, three years back to a year ahead). The "
            + "citizens who wrote of the theme in the 90 days before are mailed, unless they turned that off")
    @ApiResponse(responseCode = "201", description = "Published")
    @ApiResponse(responseCode = "400", description = "A field at fault (named), nothing stored")
    @ApiResponse(responseCode = "403", description = "Not an admin of the organisation")
    @ApiResponse(responseCode = "404", description = "No such organisation")
    Mono<ImprovementCreated> publish(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                     @RequestBody ImprovementRequest request, ServerWebExchange exchange) {
        Callers.staff(user);
        return improvements.publish(user, id, request, Languages.of(exchange)).map(ImprovementCreated::new);
    }

    @GetMapping("/api/v1/organizations/{id}/improvements")
    @Tag(name = "Rating")
    @Operation(summary = "The organisation's published improvements, the latest first (at most 50), each with the mean "
            + "score and count of the questionnaires whose comments speak of its theme in the 90 days before it took "
            + "effect and in the 90 days from then (so far)")
    @ApiResponse(responseCode = "200", description = "The improvements (none: an empty list)")
    @ApiResponse(responseCode = "404", description = "No such organisation")
    Mono<List<ImprovementView>> list(@PathVariable long id) {
        return organizations.isActive(id).flatMap(active -> active ? improvements.of(id)
                        : Mono.error(ApiException.notFound("organization-not-found", id)))
                .map(list -> list.stream().map(i -> new ImprovementView(i.id(), i.title(), i.text(), i.theme().code(),
                        i.effectiveOn(), i.before(), i.after())).toList());
    }
}

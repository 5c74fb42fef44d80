package by.ocenka.rating.internal;

import java.time.LocalDate;
import java.util.List;

import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.rating.CommentThemes;
import by.ocenka.rating.ThemeRecords.ThemeCount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What an organisation's comments speak of, for everyone ({@link CommentThemes}). */
@RestController
@Tag(name = "Rating")
class ThemesController {

    private final CommentThemes themes;
    private final Organizations organizations;
    private final MessageSource messages;

    ThemesController(CommentThemes themes, Organizations organizations, MessageSource messages) {
        this.themes = themes;
        this.organizations = organizations;
        this.messages = messages;
    }

    @GetMapping("/api/v1/organizations/{id}/themes")
    @Operation(summary = "The themes of the organisation's published comments over [from, to] (the last twelve months by "
            + "default), the most spoken of first and other last: count, share of the period's comments (0–1) and the mean score of the "
            + "questionnaires that speak of each; themes queue, politeness, information, hours, premises, online, "
            + "competence, term, other")
    @ApiResponse(responseCode = "200", description = "The themes spoken of (none: an empty list)")
    @ApiResponse(responseCode = "400", description = "A period that ends before it begins or spans more than three years")
    @ApiResponse(responseCode = "404", description = "No such organisation")
    Mono<List<ThemeCount>> themes(@PathVariable long id,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                  ServerWebExchange exchange) {
        var locale = Languages.of(exchange);
        return organizations.isActive(id).flatMap(active -> active ? themes.ofOrganization(id, from, to)
                        : Mono.error(ApiException.notFound("organization-not-found", id)))
                .map(list -> list.stream().map(f -> new ThemeCount(f.theme().code(),
                        messages.getMessage(f.theme().messageKey(), null, locale), f.count(), f.share(), f.mean()))
                        .toList());
    }
}

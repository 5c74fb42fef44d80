package by.ocenka.cabinet.internal;

import java.time.LocalDate;
import java.util.List;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.platform.Languages;
import by.ocenka.rating.CommentThemes;
import by.ocenka.rating.ThemeRecords.SubtreeTheme;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What the comments of an organisation's subtree speak of, month by month (the cabinet's). */
@RestController
@Tag(name = "Cabinet")
class CabinetThemesController {

    private final CabinetAccess access;
    private final CommentThemes themes;
    private final MessageSource messages;

    CabinetThemesController(CabinetAccess access, CommentThemes themes, MessageSource messages) {
        this.access = access;
        this.themes = themes;
        this.messages = messages;
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/themes")
    @Operation(summary = "The themes of the published comments of the organisation's whole subtree over [from, to] (the "
            + "last twelve months by default), the most spoken of first and other last, each with its months")
    @ApiResponse(responseCode = "200", description = "The themes spoken of")
    @ApiResponse(responseCode = "400", description = "A period that ends before it begins or spans more than three years")
    @ApiResponse(responseCode = "403", description = "Outside the caller's organisations")
    @ApiResponse(responseCode = "404", description = "No such organisation")
    Mono<List<SubtreeTheme>> themes(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                    ServerWebExchange exchange) {
        Callers.staff(user);
        var locale = Languages.of(exchange);
        return access.check(user, id, Need.READ).then(themes.ofSubtree(id, from, to))
                .map(list -> list.stream().map(f -> new SubtreeTheme(f.theme().code(),
                        messages.getMessage(f.theme().messageKey(), null, locale), f.count(), f.share(), f.mean(),
                        f.byMonth())).toList());
    }
}

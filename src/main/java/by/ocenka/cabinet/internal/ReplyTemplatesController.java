package by.ocenka.cabinet.internal;

import java.util.List;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.CabinetRecords.ReplyTemplate;
import by.ocenka.cabinet.CabinetRecords.UsableTemplate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** An organisation's reply templates over HTTP ({@link ReplyTemplates}). */
@RestController
@Tag(name = "Cabinet")
class ReplyTemplatesController {

    private final ReplyTemplates templates;

    ReplyTemplatesController(ReplyTemplates templates) {
        this.templates = templates;
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/reply-templates")
    @Operation(summary = "The reply templates the organisation's staff may use: its own, then those of the bodies above "
            + "it (inherited), nearest first; {organization} and {date} in a text are filled in when a reply is sent")
    @ApiResponse(responseCode = "200", description = "The templates")
    @ApiResponse(responseCode = "403", description = "Outside the caller's organisations")
    @ApiResponse(responseCode = "404", description = "No such organisation")
    Mono<List<UsableTemplate>> templates(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Callers.staff(user);
        return templates.usable(user, id);
    }

    @PutMapping("/api/v1/cabinet/organizations/{id}/reply-templates")
    @Operation(summary = "Makes the organisation's own templates these, in this order (its admins): a template with an id "
            + "is kept and changed, one without is added, and any other it had is removed; at most 30, each a title of "
            + "at most 120 characters and a text of at most 4,000")
    @ApiResponse(responseCode = "200", description = "Saved: the templates its staff may use now")
    @ApiResponse(responseCode = "400", description = "A template at fault (named), nothing changed")
    @ApiResponse(responseCode = "403", description = "Not an admin of the organisation")
    @ApiResponse(responseCode = "404", description = "No such organisation")
    Mono<List<UsableTemplate>> replace(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                       @RequestBody List<ReplyTemplate> wanted) {
        Callers.staff(user);
        return templates.replace(user, id, wanted);
    }
}

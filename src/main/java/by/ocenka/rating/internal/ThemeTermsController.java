package by.ocenka.rating.internal;

import java.util.List;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.rating.ThemeRecords.ThemeTerm;
import by.ocenka.rating.ThemeTerms;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The moderators' additions to the themes' vocabulary ({@link ThemeTerms}). */
@RestController
@Tag(name = "Moderation")
class ThemeTermsController {

    private final ThemeTerms terms;

    ThemeTermsController(ThemeTerms terms) {
        this.terms = terms;
    }

    /** A line to add to a theme's vocabulary. */
    record NewTerm(String theme, String term) {
    }

    /** The added line's id. */
    record TermAdded(long id) {
    }

    @GetMapping("/api/v1/moderation/theme-terms")
    @Operation(summary = "The lines moderators added to the themes' vocabulary, beside the shipped data files")
    Mono<List<ThemeTerm>> list(@AuthenticationPrincipal CurrentUser user) {
        Callers.moderator(user);
        return terms.added();
    }

    @PostMapping("/api/v1/moderation/theme-terms")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Adds a line to a theme's vocabulary: a word (one typo allowed from seven letters of its stem), "
            + "=word (no typo), prefix*, a phrase, or -word (never counts); every comment is tagged again behind it")
    @ApiResponse(responseCode = "201", description = "Added")
    @ApiResponse(responseCode = "400", description = "An unknown theme, or a line that is empty, too long or has no word")
    @ApiResponse(responseCode = "409", description = "The theme has this line already")
    Mono<TermAdded> add(@AuthenticationPrincipal CurrentUser user, @RequestBody NewTerm request) {
        Callers.moderator(user);
        return terms.add(request.theme(), request.term(), user.id()).map(TermAdded::new);
    }

    @DeleteMapping("/api/v1/moderation/theme-terms/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Removes an added line; every comment is tagged again behind it")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "No such line")
    Mono<Void> remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Callers.moderator(user);
        return terms.remove(id);
    }
}

package by.ocenka.account.internal;

import java.util.List;
import java.util.Locale;

import by.ocenka.account.AccountRequests.Holder;
import by.ocenka.account.AccountRequests.NewModerator;
import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Moderators;
import by.ocenka.account.StaffInvitations.Pending;
import by.ocenka.platform.ApiException;
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
import reactor.core.publisher.Mono;

/** The portal admin keeps the moderators (see {@link Moderators}, which the admin's page calls too). */
@RestController
@Tag(name = "Accounts")
class ModeratorsController {

    /** The moderators and the offers of the role not yet accepted. */
    record ModeratorList(List<Holder> moderators, List<Pending> pending) {
    }

    /** How the role was issued: CREATED (a new account, mailed a link to set its password) or INVITED. */
    record ModeratorIssued(String email, String status) {
    }

    private final Moderators moderators;

    ModeratorsController(Moderators moderators) {
        this.moderators = moderators;
    }

    @GetMapping("/api/v1/admin/moderators")
    @Operation(summary = "The moderators, and the offers of the role not yet accepted (admins)")
    Mono<ModeratorList> list(@AuthenticationPrincipal CurrentUser caller) {
        Callers.admin(caller);
        return Mono.zip(moderators.list(), moderators.pending()).map(t -> new ModeratorList(t.getT1(), t.getT2()));
    }

    @PostMapping("/api/v1/admin/moderators")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issues a moderator's role (admins): a new address gets an account and a mailed link to set "
            + "the password; an existing account is mailed an offer that its owner accepts while signed in")
    @ApiResponse(responseCode = "400", description = "The address or the name is wrong (each named)")
    Mono<ModeratorIssued> issue(@AuthenticationPrincipal CurrentUser caller, @RequestBody NewModerator moderator,
                                Locale locale) {
        Callers.admin(caller);
        return moderators.issue(moderator, caller.id(), locale)
                .map(issued -> new ModeratorIssued(moderator.email().strip(), issued.name()));
    }

    @PostMapping("/api/v1/admin/moderators/{userId}/revoke")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Takes a moderator's role back (admins); their sessions end with it")
    @ApiResponse(responseCode = "404", description = "The account holds no moderator's role")
    Mono<Void> revoke(@AuthenticationPrincipal CurrentUser caller, @PathVariable long userId) {
        Callers.admin(caller);
        return moderators.revoke(userId).flatMap(removed -> removed ? Mono.<Void>empty()
                : Mono.error(ApiException.notFound("moderator-not-found", userId)));
    }

    @PostMapping("/api/v1/admin/moderators/invitations/{id}/withdraw")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Withdraws an offer of the moderator's role not yet accepted (admins)")
    @ApiResponse(responseCode = "404", description = "No such open offer")
    Mono<Void> withdraw(@AuthenticationPrincipal CurrentUser caller, @PathVariable long id) {
        Callers.admin(caller);
        return moderators.withdraw(id).then();
    }
}

package by.ocenka.cabinet.internal;

import java.util.List;
import java.util.Locale;

import by.ocenka.account.AccountRequests.StaffMember;
import by.ocenka.account.AccountRequests.StaffRequest;
import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.account.StaffInvitations.Pending;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** An organisation admin's colleagues over HTTP (see {@link Colleagues}). */
@RestController
@Tag(name = "Cabinet")
class ColleaguesController {

    private final Colleagues colleagues;

    ColleaguesController(Colleagues colleagues) {
        this.colleagues = colleagues;
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/staff")
    @Operation(summary = "The organisation roles held in the subtree (organisation admins)")
    Mono<List<StaffMember>> staff(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Callers.staff(user);
        return colleagues.of(user, id);
    }

    @PostMapping("/api/v1/cabinet/organizations/{id}/staff")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Issues a colleague an organisation role for this organisation (organisation admins): a new "
            + "address gets an account and a mailed link to set its password; an existing account is mailed an "
            + "invitation its owner accepts while signed in. 202 alike in both cases")
    Mono<Colleagues.Added> add(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                          @Valid @RequestBody StaffRequest request, Locale locale) {
        Callers.staff(user);
        return colleagues.add(user, id, request.email(), request.displayName(), request.role(), locale);
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/invitations")
    @Operation(summary = "The roles offered in the subtree that have yet to be accepted (organisation admins)")
    Mono<List<Pending>> invitations(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Callers.staff(user);
        return colleagues.invitations(user, id);
    }

    @DeleteMapping("/api/v1/cabinet/organizations/{id}/invitations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Withdraws a role offered in the subtree (organisation admins); 404 none open")
    Mono<Void> withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long invitationId) {
        Callers.staff(user);
        return colleagues.withdrawInvitation(user, id, invitationId);
    }

    @DeleteMapping("/api/v1/cabinet/organizations/{id}/staff/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Takes a colleague's organisation role for this organisation away (organisation admins)")
    @ApiResponse(responseCode = "409", description = "One's own role: a colleague or a portal admin takes it away")
    Mono<Void> remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long userId,
                      @RequestParam Role role) {
        Callers.staff(user);
        return colleagues.remove(user, id, userId, role);
    }
}

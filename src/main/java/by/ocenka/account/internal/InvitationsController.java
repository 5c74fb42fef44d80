package by.ocenka.account.internal;

import java.util.List;

import by.ocenka.account.AccountService;
import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.LoginSessions;
import by.ocenka.account.StaffInvitations.Invitation;
import by.ocenka.account.StaffInvitations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Organisation roles offered to the signed-in account ({@link StaffInvitations}). */
@RestController
@Tag(name = "Accounts")
class InvitationsController {

    private final StaffInvitations invitations;
    private final AccountService accounts;
    private final LoginSessions sessions;

    InvitationsController(StaffInvitations invitations, AccountService accounts, LoginSessions sessions) {
        this.invitations = invitations;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GetMapping("/api/v1/me/invitations")
    @Operation(summary = "Organisation roles offered to the signed-in account, open ones")
    Mono<List<Invitation>> open(@AuthenticationPrincipal CurrentUser user) {
        return invitations.open(user);
    }

    @PostMapping("/api/v1/me/invitations/{id}/accept")
    @Operation(summary = "Accepts an offered role: 200 the offer; this session holds the role at once; 404 none open")
    @ApiResponse(responseCode = "200", description = "The offer taken")
    @ApiResponse(responseCode = "409", description = "The account's address is unconfirmed: sign in by a mailed code first")
    Mono<Invitation> accept(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, ServerWebExchange exchange) {
        return invitations.accept(user, id)
                .flatMap(offer -> accounts.user(user.id()).flatMap(fresh -> sessions.refresh(exchange, fresh)).thenReturn(offer));
    }

    @PostMapping("/api/v1/me/invitations/{id}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Declines an offered role; 404 none open")
    Mono<Void> decline(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Callers.signedIn(user);
        return invitations.decline(user, id);
    }
}

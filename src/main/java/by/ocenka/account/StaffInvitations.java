package by.ocenka.account;

import java.time.Instant;
import java.util.List;

import by.ocenka.account.internal.AccountRepository;
import by.ocenka.account.internal.InvitationRepository;
import by.ocenka.platform.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Organisation roles offered to accounts that exist already: an organisation's admin (or the portal's) may offer one,
 * only the account's owner, signed in, may take it. A role is never put on somebody else's account by whoever knows
 * its address, nor taken by one whose address is unconfirmed. An offer goes when whoever made it no longer holds the
 * admin role it was made with, or their account is deleted.
 */
@Service
public class StaffInvitations {

    /** An open offer: the role, where, since and until when. */
    public record Invitation(long id, Role role, @Schema(nullable = true, description = "None for a moderator's role")
                             Long organizationId, @Schema(nullable = true) String organization, Instant invitedAt,
                             Instant expiresAt, @Schema(nullable = true) String position) {
    }

    /** An open offer as the organisation's admins see it: to whom, what, where, since and until when. */
    public record Pending(long id, String email, Role role, @Schema(nullable = true) Long organizationId, Instant invitedAt,
                          Instant expiresAt) {
    }

    private final InvitationRepository invitations;
    private final AccountRepository accounts;
    private final TransactionalOperator transaction;

    StaffInvitations(InvitationRepository invitations, AccountRepository accounts, TransactionalOperator transaction) {
        this.invitations = invitations;
        this.accounts = accounts;
        this.transaction = transaction;
    }

    /** The signed-in user's open offers. */
    public Mono<List<Invitation>> open(CurrentUser user) {
        return invitations.open(Callers.signedIn(user).id()).collectList();
    }

    /**
     * Takes the offer: the role is the user's from now on (the caller refreshes the session); 404 when none is open,
     * 409 {@code invitation-email-not-confirmed} while the account's address is unconfirmed: whoever registered it may
     * not be its owner, who takes the account over by signing in with a mailed code and then accepts.
     */
    public Mono<Invitation> accept(CurrentUser user, long id) {
        long userId = Callers.signedIn(user).id();
        return accounts.byId(userId)
                .filter(AccountRepository.StoredUser::emailConfirmed)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.CONFLICT, "invitation-email-not-confirmed")))
                .then(invitations.take(userId, id))
                .flatMap(offer -> accounts.grant(userId, offer.role(), offer.organizationId(), offer.position())
                        .thenReturn(offer))
                .as(transaction::transactional)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("invitation-not-found", id)));
    }

    /**
     * The open offers for these organisations (the caller has checked the admin's scope over them), for the admins to
     * see who has yet to accept.
     */
    public Mono<List<Pending>> pending(List<Long> organizationIds) {
        return organizationIds.isEmpty() ? Mono.just(List.of()) : invitations.pending(organizationIds).collectList();
    }

    /** Withdraws an offer for one of these organisations (the caller has checked the scope); 404 when none is open. */
    public Mono<Pending> withdraw(long id, List<Long> organizationIds) {
        return invitations.withdraw(id, organizationIds)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("invitation-not-found", id)));
    }

    /** Declines the offer; 404 when none is open. */
    public Mono<Void> decline(CurrentUser user, long id) {
        return invitations.take(Callers.signedIn(user).id(), id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("invitation-not-found", id))).then();
    }
}

package by.ocenka.account;

import java.time.Instant;
import java.util.List;

import by.ocenka.account.internal.AccountRepository;
import by.ocenka.account.internal.InvitationRepository;
import by.ocenka.platform.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Organisation roles offered to accounts that exist already: an organisation's admin (or the portal's) may offer one,
 * only the account's owner, signed in, may take it. A role is never put on somebody else's account by whoever knows
 * its address.
 */
@Service
public class StaffInvitations {

    /** An open offer: the role, where, since and until when. */
    public record Invitation(long id, Role role, long organizationId, String organization, Instant invitedAt,
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

    /** Takes the offer: the role is the user's from now on (the caller refreshes the session); 404 when none is open. */
    public Mono<Invitation> accept(CurrentUser user, long id) {
        long userId = Callers.signedIn(user).id();
        return invitations.take(userId, id)
                .flatMap(offer -> accounts.grant(userId, offer.role(), offer.organizationId()).thenReturn(offer))
                .as(transaction::transactional)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("invitation-not-found", id)));
    }

    /** Declines the offer; 404 when none is open. */
    public Mono<Void> decline(CurrentUser user, long id) {
        return invitations.take(Callers.signedIn(user).id(), id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("invitation-not-found", id))).then();
    }
}

package by.ocenka.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import by.ocenka.account.AccountRequests.Holder;
import by.ocenka.account.AccountRequests.NewModerator;
import by.ocenka.account.OrganizationStaff.Issued;
import by.ocenka.account.StaffInvitations.Pending;
import by.ocenka.account.internal.AccountRepository;
import by.ocenka.account.internal.InvitationRepository;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.UserSessions;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The portal's moderators, as the portal admin keeps them: issued like an organisation's staff (a new address gets an
 * account and a mailed link to set its password; an existing account is offered the role, which is never attached to
 * someone else's account without its owner accepting it), listed, and taken back (their sessions end with it).
 */
@Service
public class Moderators {

    private static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    private final OrganizationStaff staff;
    private final AccountRepository accounts;
    private final InvitationRepository invitations;
    private final UserSessions sessions;

    Moderators(OrganizationStaff staff, AccountRepository accounts, InvitationRepository invitations, UserSessions sessions) {
        this.staff = staff;
        this.accounts = accounts;
        this.invitations = invitations;
        this.sessions = sessions;
    }

    /** 400 naming each field at fault (the address's form, the name's length), nothing written. */
    public Mono<Issued> issue(NewModerator moderator, long issuedBy, Locale locale) {
        String email = moderator.email() == null ? "" : moderator.email().strip();
        String name = moderator.displayName() == null ? "" : moderator.displayName().strip();
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        if (!email.matches(EMAIL) || email.length() > 254) {
            problems.add(new ApiException.FieldProblem("email", "validation.email"));
        }
        if (name.length() < 3 || name.length() > 120) {
            problems.add(new ApiException.FieldProblem("displayName", "validation.range", 3, 120));
        }
        return problems.isEmpty() ? staff.issueModerator(email, name, issuedBy, locale)
                : Mono.error(ApiException.invalid(problems));
    }

    /** The moderators, by name. */
    public Mono<List<Holder>> list() {
        return accounts.holders(Role.MODERATOR).collectList();
    }

    /** The offers of the role not yet accepted, newest first. */
    public Mono<List<Pending>> pending() {
        return invitations.pendingModerators().collectList();
    }

    /** Takes the role back; their open sessions end with it. Answers whether they held it. */
    public Mono<Boolean> revoke(long userId) {
        return accounts.revokeUnscoped(userId, Role.MODERATOR)
                .flatMap(removed -> removed ? sessions.endAll(userId, null).thenReturn(true) : Mono.just(false));
    }

    /** Withdraws an offer not yet accepted; 404 when none is open. */
    public Mono<Pending> withdraw(long invitationId) {
        return invitations.withdrawModerator(invitationId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("invitation-not-found", invitationId)));
    }
}

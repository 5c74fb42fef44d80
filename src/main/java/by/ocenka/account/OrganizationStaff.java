package by.ocenka.account;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import by.ocenka.account.internal.AccountRepository;
import by.ocenka.account.internal.AccountTokens;
import by.ocenka.account.internal.InvitationRepository;
import by.ocenka.platform.MailOutbox;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.platform.PublicUrls;
import by.ocenka.platform.UserSessions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Organisation roles on accounts: issued to an address (a new account, or an offer its owner accepts), listed, taken
 * back. The callers (the cabinet's colleagues, the portal admin) have checked who may and the organisation.
 */
@Service
public class OrganizationStaff {

    static final Duration INVITATION_VALIDITY = Duration.ofDays(14);

    /** How an organisation role was issued: to a new account (mailed a link to set its password), or offered. */
    public enum Issued { CREATED, INVITED }

    private final AccountRepository repository;
    private final InvitationRepository invitations;
    private final AccountTokens tokens;
    private final MailOutbox mail;
    private final PublicUrls urls;
    private final MessageSource messages;
    private final UserSessions sessions;
    private final ApplicationEventPublisher events;
    private final TransactionalOperator transaction;

    OrganizationStaff(AccountRepository repository, InvitationRepository invitations, AccountTokens tokens,
                      MailOutbox mail, PublicUrls urls, MessageSource messages, UserSessions sessions,
                      ApplicationEventPublisher events, TransactionalOperator transaction) {
        this.repository = repository;
        this.invitations = invitations;
        this.tokens = tokens;
        this.mail = mail;
        this.urls = urls;
        this.messages = messages;
        this.sessions = sessions;
        this.events = events;
        this.transaction = transaction;
    }

    /**
     * An organisation role for the address, with the position the person holds there (null: not given): a new
     * account (confirmed, no password) with a mailed link to set one (valid 3 days), the role and position its own; or,
     * when the address has an account already, an invitation its owner accepts while signed in (mailed; the role is
     * not theirs until then). The caller has checked the organisation, whose name goes into the mail.
     */
    public Mono<Issued> issue(String email, String displayName, String position, long organizationId,
                              String organizationName, Role role, Long issuedBy, Locale locale) {
        if (role != Role.ORG_ADMIN && role != Role.ORG_RESPONDER) {
            throw new IllegalArgumentException("not an organisation role: " + role);
        }
        return issueRole(email, displayName, position, organizationId, organizationName, role, issuedBy, locale);
    }

    /** The moderator's role for the address, issued the same way (by the portal admin; no organisation). */
    Mono<Issued> issueModerator(String email, String displayName, long issuedBy, Locale locale) {
        return issueRole(email, displayName, null, null, null, Role.MODERATOR, issuedBy, locale);
    }

    private Mono<Issued> issueRole(String email, String displayName, String position, Long organizationId,
                                   String organizationName, Role role, Long issuedBy, Locale locale) {
        String address = email.strip();
        boolean organizational = organizationId != null;
        Mono<Issued> invited = repository.byEmail(address)
                .flatMap(existing -> invitations.offer(existing.id(), role, organizationId, organizationName, position,
                                issuedBy, INVITATION_VALIDITY)
                        .then(mail.queue(existing.email(), text(organizational ? "mail.invitation.subject"
                                        : "mail.invitation.moderator.subject", locale),
                                organizational ? text("mail.invitation.body", locale, text("role." + role.name(), locale),
                                        organizationName, urls.url("/account#invitations"))
                                        : text("mail.invitation.moderator.body", locale, urls.url("/account#invitations"))))
                        .thenReturn(Issued.INVITED));
        Mono<Issued> created = Mono.defer(() -> repository.insert(address, null, displayName.strip(), true)
                .flatMap(id -> repository.grant(id, role, organizationId, position)
                        .then(tokens.issue(id, AccountTokens.Purpose.RESET, AccountService.CONFIRMATION_VALIDITY))
                        .flatMap(token -> mail.queue(address, text(organizational ? "mail.invite.subject"
                                        : "mail.invite.moderator.subject", locale),
                                text(organizational ? "mail.invite.body" : "mail.invite.moderator.body", locale,
                                        displayName.strip(), urls.url("/password-reset?token=" + token))))
                        .thenReturn(Issued.CREATED)));
        return invited.switchIfEmpty(created).as(transaction::transactional);
    }

    /** The organisation roles granted for these organisations, with their holders. */
    public Mono<List<AccountRequests.StaffMember>> of(Collection<Long> organizationIds) {
        return organizationIds.isEmpty() ? Mono.just(List.of()) : repository.staff(organizationIds).collectList();
    }

    /** Every organisation role granted, newest accounts first (the portal admin's list). */
    public Mono<Page<AccountRequests.StaffMember>> all(PageRequest page) {
        return repository.allStaff(page);
    }

    /** Takes an organisation role away; answers whether there was one. */
    public Mono<Boolean> revoke(long userId, Role role, long organizationId) {
        // The colleague's open sessions end with it, not at their idle timeout.
        return repository.revoke(userId, role, organizationId)
                // An admin's offers go with the role they were made with (all of them: where each was made is not kept).
                .flatMap(removed -> removed && role == Role.ORG_ADMIN
                        ? invitations.withdrawBy(userId).thenReturn(true) : Mono.just(removed))
                .as(transaction::transactional)
                .flatMap(removed -> removed ? sessions.endAll(userId, null)
                        .then(Mono.fromRunnable(() -> events.publishEvent(new AccountEvents.RoleRevoked(userId, role, organizationId))))
                        .thenReturn(true) : Mono.just(false));
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}

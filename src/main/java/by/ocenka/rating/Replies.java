package by.ocenka.rating;

import java.util.Locale;
import java.util.Map;

import by.ocenka.account.AccountService;
import by.ocenka.account.CurrentUser;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.MailOutbox;
import by.ocenka.platform.PublicUrls;
import by.ocenka.rating.CabinetRecords.ReplyCreated;
import by.ocenka.rating.internal.CabinetRepository;
import by.ocenka.rating.internal.RatingProperties;
import by.ocenka.rating.internal.ReplyRepository;
import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The organisation's official reply to a questionnaire: one per questionnaire, public under the comment, mailed to the
 * author, written to the audit trail. The caller has checked that the staff member's scope covers the questionnaire.
 */
@Service
public class Replies {

    public static final int MAX_LENGTH = 4_000;

    /** An organisation's public reply figures over the past year: the share answered and the median wait. */
    public record PublicReplyFigures(long due, Double answeredPercent, Double medianHours) {
    }

    private final CabinetRepository questionnaires;
    private final ReplyRepository replies;
    private final Organizations organizations;
    private final AccountService accounts;
    private final MailOutbox mail;
    private final AuditLog audit;
    private final PublicUrls urls;
    private final MessageSource messages;
    private final TransactionalOperator transaction;
    private final ApplicationEventPublisher events;
    private final ReactiveCache<Long, PublicReplyFigures> publicFigures;

    Replies(CabinetRepository questionnaires, ReplyRepository replies, Organizations organizations,
            AccountService accounts, MailOutbox mail, AuditLog audit, PublicUrls urls, MessageSource messages,
            TransactionalOperator transaction, ApplicationEventPublisher events, ReactiveCaches caches,
            RatingProperties properties, Clock clock) {
        // A year's share barely moves with one reply: recomputed in the background every ten minutes.
        this.publicFigures = caches.create("rating.reply-figures", new ReactiveCaches.Spec(Duration.ofMinutes(10),
                Duration.ofHours(1), 50_000), id -> {
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    return replies.figures(id, false, now.minusYears(1), now, properties.replyDays())
                            .map(f -> new PublicReplyFigures(f.due(), f.due() == 0 ? null
                                    : Math.round(1000.0 * f.answered() / f.due()) / 10.0, f.medianHours()));
                });
        this.questionnaires = questionnaires;
        this.replies = replies;
        this.organizations = organizations;
        this.accounts = accounts;
        this.mail = mail;
        this.audit = audit;
        this.urls = urls;
        this.messages = messages;
        this.transaction = transaction;
        this.events = events;
    }

    /** The organisation's own reply figures over the past year (its public page shows them). */
    public Mono<PublicReplyFigures> publicFigures(long organizationId) {
        return publicFigures.get(organizationId);
    }

    /** 201 with the reply; 400 empty or too long; 404 unknown questionnaire; 409 {@code already-replied}. */
    public Mono<ReplyCreated> reply(long questionnaireId, String text, CurrentUser staff, Locale locale) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            return Mono.error(ApiException.invalid("text", "validation.reply.empty"));
        }
        if (body.length() > MAX_LENGTH) {
            return Mono.error(ApiException.invalid("text", "validation.reply.long"));
        }
        return questionnaires.questionnaire(questionnaireId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("questionnaire-not-found", questionnaireId)))
                .flatMap(q -> organizations.names(java.util.List.of(q.organizationId())).flatMap(names -> {
                    String organizationName = names.getOrDefault(q.organizationId(), "");
                    return replies.insert(questionnaireId, q.organizationId(), organizationName, body, staff.id(),
                                    staff.displayName())
                            .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.CONFLICT, "already-replied")))
                            .flatMap(createdAt -> audit.record(staff.id(), "questionnaire.reply", "questionnaire:" + questionnaireId,
                                            q.organizationId(), Map.of("length", body.length()))
                                    .then(mailAuthor(q.userId(), organizationName, body, q.organizationId(), locale))
                                    .thenReturn(new ReplyCreated(questionnaireId, body, staff.displayName(), createdAt)))
                            .as(transaction::transactional)
                            // The public page and reviews show the reply: every instance's kept copies are renewed.
                            .doOnNext(created -> events.publishEvent(new RatingRecords.OrganizationRated(q.organizationId(), true)));
                }));
    }

    private Mono<Void> mailAuthor(long userId, String organizationName, String reply, long organizationId, Locale locale) {
        return accounts.user(userId)
                .filter(author -> !author.email().endsWith("@invalid")) // a deleted account keeps no address
                .flatMap(author -> mail.queue(author.email(),
                        messages.getMessage("mail.reply.subject", null, locale),
                        messages.getMessage("mail.reply.body", new Object[] {author.displayName(), organizationName, reply,
                                urls.url("/o/" + organizationId)}, locale)))
                .then();
    }
}

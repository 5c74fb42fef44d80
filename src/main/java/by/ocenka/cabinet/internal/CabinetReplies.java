package by.ocenka.cabinet.internal;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.account.AccountService;
import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.CabinetRecords.BulkReplies;
import by.ocenka.cabinet.CabinetRecords.ReplyCreated;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.MailOutbox;
import by.ocenka.platform.PublicUrls;
import by.ocenka.rating.SubtreeQuestionnaires;
import by.ocenka.rating.SubtreeRecords.StaffQuestionnaire;
import by.ocenka.web.KeptPages;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The organisation's official reply to a questionnaire: one per questionnaire, public under the comment, mailed to the
 * author, written to the audit trail. One use case, one scope check: the questionnaire's organisation must lie in
 * the staff member's scope. The reply is the cabinet's; the rating feature learns only that the questionnaire was
 * answered (its share answered and the feed's filter), in the same transaction.
 */
@Service
public class CabinetReplies {

    public static final int MAX_LENGTH = 4_000;
    /** How long the one who posted a reply may still correct it (a typo seen after sending). */
    public static final Duration CORRECTION_WINDOW = Duration.ofMinutes(15);
    /** Questionnaires one text may answer at once. */
    public static final int AT_ONCE = 100;

    private final CabinetAccess access;
    private final SubtreeQuestionnaires questionnaires;
    private final ReplyRepository replies;
    private final AccountService accounts;
    private final MailOutbox mail;
    private final AuditLog audit;
    private final PublicUrls urls;
    private final MessageSource messages;
    private final TransactionalOperator transaction;
    private final ApplicationEventPublisher events;
    private final ReplyTemplates templates;

    CabinetReplies(CabinetAccess access, SubtreeQuestionnaires questionnaires, ReplyRepository replies,
                   AccountService accounts, MailOutbox mail, AuditLog audit, PublicUrls urls, MessageSource messages,
                   TransactionalOperator transaction, ApplicationEventPublisher events, ReplyTemplates templates) {
        this.templates = templates;
        this.access = access;
        this.questionnaires = questionnaires;
        this.replies = replies;
        this.accounts = accounts;
        this.mail = mail;
        this.audit = audit;
        this.urls = urls;
        this.messages = messages;
        this.transaction = transaction;
        this.events = events;
    }

    /**
     * 201 with the reply; 400 empty or too long; 404 unknown questionnaire; 403 outside the staff member's scope; 409
     * {@code already-replied}.
     */
    public Mono<ReplyCreated> reply(CurrentUser staff, long questionnaireId, String text, Locale locale) {
        String body = text == null ? "" : text.strip();
        // Who may reply is settled first (staff at all, then the questionnaire's scope); then what they wrote.
        return Mono.fromCallable(() -> Callers.staff(staff)).then(questionnaires.one(questionnaireId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("questionnaire-not-found", questionnaireId)))
                .flatMap(q -> access.check(staff, q.organizationId(), Need.READ).flatMap(scope -> {
                    // A template's {organization} and {date} become the questionnaire's organisation and today.
                    String filled = templates.fill(body, scope.name());
                    Mono<ReplyCreated> stored = replies
                            .insert(questionnaireId, q.organizationId(), scope.name(), filled, staff.id(), staff.displayName())
                            .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.CONFLICT, "already-replied")))
                            .flatMap(createdAt -> questionnaires.markReplied(questionnaireId, createdAt)
                                    .then(audit.record(staff.id(), "questionnaire.reply", "questionnaire:" + questionnaireId,
                                            q.organizationId(), Map.of("length", filled.length())))
                                    .then(mailAuthor(q.userId(), scope.name(), filled, q.organizationId(), locale))
                                    .thenReturn(new ReplyCreated(questionnaireId, filled, staff.displayName(), createdAt)))
                            .as(transaction::transactional)
                            // The public page and reviews show the reply: their kept copies are renewed.
                            .doOnNext(created -> events.publishEvent(new KeptPages.Changed(q.organizationId())));
                    return published(q).then(checked(filled)).then(stored);
                }));
    }

    /**
     * One text as the reply to several questionnaires (at most {@value #AT_ONCE}), each still a public reply of its
     * own, checked, mailed and recorded as {@link #reply} does; those that cannot be answered are skipped with the
     * reason. 400 for an empty or too long text or list, before anything is answered.
     */
    public Mono<BulkReplies> replyToMany(CurrentUser staff, List<Long> questionnaireIds, String text, Locale locale) {
        String body = text == null ? "" : text.strip();
        if (questionnaireIds == null || questionnaireIds.isEmpty()) {
            return Mono.error(ApiException.invalid("questionnaireIds", "validation.required"));
        }
        if (questionnaireIds.contains(null)) {
            return Mono.error(ApiException.invalid("questionnaireIds", "validation.format"));
        }
        if (questionnaireIds.size() > AT_ONCE) {
            return Mono.error(ApiException.invalid("questionnaireIds", "validation.replies.many", AT_ONCE));
        }
        return Mono.fromCallable(() -> Callers.staff(staff)).then(checked(body))
                .thenMany(Flux.fromIterable(new LinkedHashSet<>(questionnaireIds))
                        .concatMap(id -> reply(staff, id, body, locale).thenReturn(Map.entry(id, ""))
                                .onErrorResume(e -> Mono.just(Map.entry(id, skipped(e))))))
                .collectList()
                .map(results -> new BulkReplies(
                        results.stream().filter(r -> r.getValue().isEmpty()).map(Map.Entry::getKey).toList(),
                        results.stream().filter(r -> !r.getValue().isEmpty())
                                .map(r -> new BulkReplies.Skipped(r.getKey(), r.getValue())).toList()));
    }

    /**
     * The same from an organisation's cabinet page: the page's organisation must be the staff member's (403 otherwise),
     * whatever questionnaires are ticked; none ticked answers 400 {@code questionnaireIds}.
     */
    public Mono<BulkReplies> replyToManyFrom(CurrentUser staff, long cabinetId, List<Long> questionnaireIds, String text,
                                             Locale locale) {
        return access.check(staff, cabinetId, Need.READ).then(replyToMany(staff, questionnaireIds, text, locale));
    }

    /** Why a questionnaire was not answered; a failure of the storage skips it too, the others go on. */
    private static String skipped(Throwable error) {
        if (!(error instanceof ApiException refused)) {
            return "unavailable";
        }
        return switch (refused.status().value()) {
            case 404 -> "not-found";
            case 403 -> "outside-scope";
            // The text was checked before; only {organization} filled in can make it too long for one questionnaire.
            case 400 -> "too-long";
            default -> "questionnaire-held".equals(refused.code()) ? "held" : refused.code();
        };
    }

    /**
     * Corrects a reply its author posted less than {@link #CORRECTION_WINDOW} ago: 200 with the reply; 400 empty or too
     * long; 404 unknown questionnaire; 403 outside the scope; 409 {@code reply-not-correctable} when it is someone
     * else's, too old, or there is none. The citizen was mailed the first text and is not mailed again.
     */
    public Mono<ReplyCreated> correct(CurrentUser staff, long questionnaireId, String text) {
        String body = text == null ? "" : text.strip();
        return Mono.fromCallable(() -> Callers.staff(staff)).then(questionnaires.one(questionnaireId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("questionnaire-not-found", questionnaireId)))
                .flatMap(q -> access.check(staff, q.organizationId(), Need.READ).flatMap(scope -> {
                    String filled = templates.fill(body, scope.name());
                    Mono<ReplyCreated> corrected = replies.correct(questionnaireId, staff.id(), filled, CORRECTION_WINDOW)
                            .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.CONFLICT, "reply-not-correctable")))
                            .flatMap(createdAt -> audit.record(staff.id(), "questionnaire.reply.correct",
                                            "questionnaire:" + questionnaireId, q.organizationId(), Map.of("length", filled.length()))
                                    .thenReturn(new ReplyCreated(questionnaireId, filled, staff.displayName(), createdAt)))
                            .as(transaction::transactional)
                            .doOnNext(done -> events.publishEvent(new KeptPages.Changed(q.organizationId())));
                    return checked(filled).then(corrected);
                }));
    }

    /**
     * A questionnaire held for the moderators is neither public nor counted: a reply would be published under nothing,
     * and its mail would say so untruly. It can be answered once it is released.
     */
    private static Mono<Void> published(StaffQuestionnaire questionnaire) {
        return questionnaire.published() ? Mono.empty()
                : Mono.error(new ApiException(HttpStatus.CONFLICT, "questionnaire-held"));
    }

    private static Mono<Void> checked(String body) {
        if (body.isEmpty()) {
            return Mono.error(ApiException.invalid("text", "validation.reply.empty"));
        }
        if (body.length() > MAX_LENGTH) {
            return Mono.error(ApiException.invalid("text", "validation.reply.long"));
        }
        return Mono.empty();
    }

    /**
     * The author hears of the reply, unless they turned that off in their account; the old portal's history has no
     * author to tell.
     */
    private Mono<Void> mailAuthor(Long userId, String organizationName, String reply, long organizationId, Locale locale) {
        if (userId == null) {
            return Mono.empty();
        }
        return accounts.mailOnReply(userId).filter(wanted -> wanted).flatMap(wanted -> accounts.user(userId))
                .filter(author -> !author.email().endsWith("@invalid")) // a deleted account keeps no address
                .flatMap(author -> mail.queue(author.email(),
                        messages.getMessage("mail.reply.subject", null, locale),
                        messages.getMessage("mail.reply.body", new Object[] {author.displayName(), organizationName, reply,
                                urls.url("/o/" + organizationId), urls.url("/account#notifications")}, locale)))
                .then();
    }
}

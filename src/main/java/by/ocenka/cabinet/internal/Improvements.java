package by.ocenka.cabinet.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import by.ocenka.account.AccountService;
import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.CabinetRecords.ImprovementRequest;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ApiException.FieldProblem;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.MailOutbox;
import by.ocenka.platform.Minsk;
import by.ocenka.platform.PublicUrls;
import by.ocenka.rating.CommentThemes;
import by.ocenka.rating.PublishedImprovements;
import by.ocenka.rating.Theme;
import by.ocenka.rating.ThemeRecords.Improvement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * «Вы сказали — мы сделали»: an organisation's admins publish what they changed, the theme of the comments it answers
 * and the day it took effect. Everyone sees it with the comments on that theme in the 90 days before and the 90 days
 * from it; the citizens who wrote of the theme in the 90 days before are mailed once (unless they turned off the mail
 * about their reviews), behind the answer.
 */
@Service
public class Improvements implements PublishedImprovements {

    private static final Logger log = LoggerFactory.getLogger(Improvements.class);
    public static final int MAX_TITLE = 120;
    public static final int MAX_TEXT = 4_000;
    public static final int WINDOW_DAYS = CommentThemes.WINDOW_DAYS;
    /** The improvements a page and the API list, the latest first. */
    static final int SHOWN = 50;

    private final CabinetAccess access;
    private final ImprovementRepository repository;
    private final CommentThemes themes;
    private final AccountService accounts;
    private final MailOutbox mail;
    private final AuditLog audit;
    private final TransactionalOperator transaction;
    private final MessageSource messages;
    private final PublicUrls urls;
    private final Clock clock;

    Improvements(CabinetAccess access, ImprovementRepository repository, CommentThemes themes, AccountService accounts,
                 MailOutbox mail, AuditLog audit, TransactionalOperator transaction, MessageSource messages,
                 PublicUrls urls, Clock clock) {
        this.access = access;
        this.repository = repository;
        this.themes = themes;
        this.accounts = accounts;
        this.mail = mail;
        this.audit = audit;
        this.transaction = transaction;
        this.messages = messages;
        this.urls = urls;
        this.clock = clock;
    }

    /**
     * Publishes an improvement (the organisation's admins): its id once stored. 400 naming each field at fault
     * (title 1–120 characters, text 1–4,000, one of the eight themes, a date from three years back to a year ahead)
     * and nothing stored.
     */
    public Mono<Long> publish(CurrentUser user, long organizationId, ImprovementRequest request, Locale locale) {
        String title = request == null || request.title() == null ? "" : request.title().strip();
        String text = request == null || request.text() == null ? "" : request.text().strip();
        Theme theme = request == null || request.theme() == null ? null
                : Theme.of(request.theme().strip()).filter(t -> t != Theme.OTHER).orElse(null);
        LocalDate today = Minsk.today(clock);
        List<FieldProblem> problems = new ArrayList<>();
        if (title.isEmpty()) {
            problems.add(new FieldProblem("title", "validation.required"));
        } else if (title.length() > MAX_TITLE) {
            problems.add(new FieldProblem("title", "validation.tooLong", MAX_TITLE));
        }
        if (text.isEmpty()) {
            problems.add(new FieldProblem("text", "validation.required"));
        } else if (text.length() > MAX_TEXT) {
            problems.add(new FieldProblem("text", "validation.tooLong", MAX_TEXT));
        }
        if (theme == null) {
            problems.add(new FieldProblem("theme", "validation.theme"));
        }
        LocalDate effectiveOn = null;
        try {
            effectiveOn = request == null || request.effectiveOn() == null || request.effectiveOn().isBlank() ? null
                    : LocalDate.parse(request.effectiveOn().strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem("effectiveOn", "validation.format"));
        }
        if (effectiveOn == null && problems.stream().noneMatch(p -> p.field().equals("effectiveOn"))) {
            problems.add(new FieldProblem("effectiveOn", "validation.required"));
        } else if (effectiveOn != null && (effectiveOn.isBefore(today.minusYears(3)) || effectiveOn.isAfter(today.plusYears(1)))) {
            problems.add(new FieldProblem("effectiveOn", "validation.improvement.effectiveOn"));
        }
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.invalid(problems));
        }
        LocalDate on = effectiveOn;
        return access.check(user, organizationId, Need.MANAGE).flatMap(scope -> repository
                .insert(organizationId, title, text, theme.code(), on, user.id())
                .flatMap(id -> audit.record(user.id(), "improvement.publish", "improvement:" + id, organizationId,
                        Map.of("theme", theme.code(), "effectiveOn", on.toString())).thenReturn(id))
                .as(transaction::transactional)
                .doOnNext(id -> notifyAuthors(id, organizationId, scope.name(), title, text, theme, on, locale)
                        .subscribe(null, e -> log.warn("Improvement {}: the citizens were not all mailed: {}", id, e.toString()))));
    }

    @Override
    public Mono<List<Improvement>> of(long organizationId) {
        return repository.of(organizationId, SHOWN)
                .flatMapSequential(row -> {
                    Theme theme = Theme.of(row.theme()).orElse(Theme.OTHER);
                    return Mono.zip(themes.window(organizationId, theme, row.effectiveOn().minusDays(WINDOW_DAYS), row.effectiveOn()),
                                    themes.window(organizationId, theme, row.effectiveOn(), row.effectiveOn().plusDays(WINDOW_DAYS)))
                            .map(w -> new Improvement(row.id(), row.organizationId(), row.title(), row.text(), theme,
                                    row.effectiveOn(), row.createdAt(), w.getT1(), w.getT2()));
                }, 4)
                .collectList();
    }

    /**
     * Mails each citizen who wrote of the theme in the 90 days before the improvement took effect (and did not turn
     * the mail about their reviews off), then stores how many were mailed.
     */
    Mono<Integer> notifyAuthors(long id, long organizationId, String organizationName, String title, String text,
                                Theme theme, LocalDate effectiveOn, Locale locale) {
        AtomicInteger mailed = new AtomicInteger();
        String themeName = messages.getMessage("theme." + theme.code(), null, locale);
        Flux<Long> authors = themes.authors(organizationId, theme, effectiveOn.minusDays(WINDOW_DAYS), effectiveOn);
        return authors.concatMap(userId -> accounts.mailOnReply(userId).filter(wanted -> wanted)
                        .flatMap(wanted -> accounts.user(userId))
                        .filter(author -> !author.email().endsWith("@invalid")) // a deleted account keeps no address
                        .flatMap(author -> mail.queue(author.email(),
                                messages.getMessage("mail.improvement.subject", new Object[] {organizationName}, locale),
                                messages.getMessage("mail.improvement.body", new Object[] {author.displayName(),
                                        organizationName, themeName, title, text, urls.url("/o/" + organizationId + "#improvements"),
                                        urls.url("/account#notifications")}, locale))
                                .doOnSuccess(v -> mailed.incrementAndGet())))
                .then(Mono.defer(() -> repository.notified(id, mailed.get())))
                .then(Mono.fromSupplier(mailed::get));
    }
}

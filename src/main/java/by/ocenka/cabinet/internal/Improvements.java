package by.ocenka.cabinet.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.CabinetRecords.ImprovementRequest;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ApiException.FieldProblem;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.Languages;
import by.ocenka.platform.Minsk;
import by.ocenka.rating.CommentThemes;
import by.ocenka.rating.PublishedImprovements;
import by.ocenka.rating.Theme;
import by.ocenka.rating.ThemeRecords.Improvement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * «Вы сказали — мы сделали»: an organisation's admins publish what they changed, the theme of the comments it answers
 * and the day it took effect. Everyone sees it with the comments on that theme in the 90 days before and the 90 days
 * from it; the citizens who wrote of the theme in the 90 days before are told behind the answer
 * ({@link ImprovementNotices}).
 */
@Service
public class Improvements implements PublishedImprovements {

    private static final Logger log = LoggerFactory.getLogger(Improvements.class);
    public static final int MAX_TITLE = 120;
    public static final int MAX_TEXT = 4_000;
    /** The improvements a page and the API list, the latest first. */
    static final int SHOWN = 50;

    private final CabinetAccess access;
    private final ImprovementRepository repository;
    private final CommentThemes themes;
    private final ImprovementNotices notices;
    private final AuditLog audit;
    private final TransactionalOperator transaction;
    private final Clock clock;

    Improvements(CabinetAccess access, ImprovementRepository repository, CommentThemes themes, ImprovementNotices notices,
                 AuditLog audit, TransactionalOperator transaction, Clock clock) {
        this.access = access;
        this.repository = repository;
        this.themes = themes;
        this.notices = notices;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Publishes an improvement (the organisation's admins): its id once stored. 403 for anyone else; 400 naming each
     * field at fault (title 1–120 characters, text 1–4,000, one of the eight themes, a day it took effect from three
     * years back to today: what is published has happened) and nothing stored. The mails go behind the answer.
     */
    public Mono<Long> publish(CurrentUser user, long organizationId, ImprovementRequest request, Locale locale) {
        return access.check(user, organizationId, Need.MANAGE).flatMap(scope -> {
            String title = request == null || request.title() == null ? "" : request.title().strip();
            String text = request == null || request.text() == null ? "" : request.text().strip();
            Theme theme = request == null ? null : Theme.namedOf(request.theme()).orElse(null);
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
            LocalDate effectiveOn = effectiveOn(request == null ? null : request.effectiveOn(), problems);
            if (!problems.isEmpty()) {
                return Mono.error(ApiException.invalid(problems));
            }
            return repository.insert(organizationId, title, text, theme.code(), effectiveOn, user.id(),
                            language(locale))
                    .flatMap(id -> audit.record(user.id(), "improvement.publish", "improvement:" + id, organizationId,
                            Map.of("theme", theme.code(), "effectiveOn", effectiveOn.toString())).thenReturn(id))
                    .as(transaction::transactional)
                    .doOnNext(id -> notices.send(id).subscribe(null,
                            e -> log.warn("Improvement {}: mails left to the job: {}", id, e.toString())));
        });
    }

    /** The mails' language: the publisher's, one of the portal's. */
    private static String language(Locale locale) {
        Locale supported = Languages.supported(locale.getLanguage());
        return (supported == null ? Languages.RUSSIAN : supported).getLanguage();
    }

    /** The day it took effect: required, a date, from three years back to today; null with the problem added. */
    private LocalDate effectiveOn(String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem("effectiveOn", "validation.required"));
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value.strip());
            LocalDate today = Minsk.today(clock);
            if (day.isBefore(today.minusYears(3)) || day.isAfter(today)) {
                problems.add(new FieldProblem("effectiveOn", "validation.improvement.effectiveOn"));
                return null;
            }
            return day;
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem("effectiveOn", "validation.format"));
            return null;
        }
    }

    @Override
    public Mono<List<Improvement>> of(long organizationId) {
        return repository.of(organizationId, SHOWN)
                .flatMapSequential(row -> {
                    Theme theme = Theme.of(row.theme()).orElse(Theme.OTHER);
                    return Mono.zip(themes.window(organizationId, theme, row.effectiveOn().minusDays(CommentThemes.WINDOW_DAYS), row.effectiveOn()),
                                    themes.window(organizationId, theme, row.effectiveOn(), row.effectiveOn().plusDays(CommentThemes.WINDOW_DAYS)))
                            .map(w -> new Improvement(row.id(), row.organizationId(), row.title(), row.text(), theme,
                                    row.effectiveOn(), row.createdAt(), w.getT1(), w.getT2()));
                }, 4)
                .collectList();
    }
}

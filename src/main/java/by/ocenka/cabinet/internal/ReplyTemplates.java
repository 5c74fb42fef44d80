package by.ocenka.cabinet.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.CabinetRecords.ReplyTemplate;
import by.ocenka.cabinet.CabinetRecords.UsableTemplate;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ApiException.FieldProblem;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.Minsk;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Reply templates: an organisation's admins keep the texts its staff start replies from, and every unit below it
 * offers them too (its own first, then the nearest body's). {@code {organization}} and {@code {date}} in a text are
 * filled in when a reply is sent ({@link #fill}), with the questionnaire's organisation and the Minsk day.
 */
@Service
public class ReplyTemplates {

    public static final int MAX_TEMPLATES = 30;
    public static final int MAX_TITLE = 120;
    public static final String ORGANIZATION = "{organization}";
    public static final String DATE = "{date}";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final CabinetAccess access;
    private final ReplyTemplateRepository repository;
    private final AuditLog audit;
    private final TransactionalOperator transaction;
    private final Clock clock;

    ReplyTemplates(CabinetAccess access, ReplyTemplateRepository repository, AuditLog audit,
                   TransactionalOperator transaction, Clock clock) {
        this.access = access;
        this.repository = repository;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The templates the organisation's staff may use: its own, then those of the bodies above it, nearest first. */
    public Mono<List<UsableTemplate>> usable(CurrentUser user, long organizationId) {
        return access.check(user, organizationId, Need.READ).flatMap(this::usable);
    }

    Mono<List<UsableTemplate>> usable(CabinetAccess.Scope scope) {
        List<Long> ancestors = scope.ancestors();
        return repository.of(ancestors).collectList().flatMap(stored -> access.names(stored.stream()
                        .map(ReplyTemplateRepository.Stored::organizationId).distinct().toList())
                .map(names -> stored.stream()
                        // Nearest first: the organisation itself, then its parent, and so on up.
                        .sorted(Comparator.comparingInt(s -> ancestors.indexOf(s.organizationId())))
                        .map(s -> new UsableTemplate(s.id(), s.title(), s.text(), s.organizationId(),
                                names.getOrDefault(s.organizationId(), "#" + s.organizationId()),
                                s.organizationId() != scope.organizationId()))
                        .toList()));
    }

    /** The templates page: the organisation, whether the user may change its templates, and those its staff use. */
    public record View(long organizationId, String name, boolean manages, List<UsableTemplate> templates) {
    }

    public Mono<View> view(CurrentUser user, long organizationId) {
        return access.check(user, organizationId, Need.READ).flatMap(scope -> usable(scope)
                .map(templates -> new View(organizationId, scope.name(), scope.manages(), templates)));
    }

    /** Adds a template at the end of the organisation's own (its admins). */
    public Mono<List<UsableTemplate>> add(CurrentUser user, long organizationId, String title, String text) {
        return update(user, organizationId, own -> {
            own.add(new ReplyTemplate(null, title, text));
            return Mono.just(own);
        });
    }

    /** Changes one of the organisation's own templates (its admins); 404 when it has no such template. */
    public Mono<List<UsableTemplate>> change(CurrentUser user, long organizationId, long templateId, String title,
                                             String text) {
        return update(user, organizationId, own -> {
            int at = indexOf(own, templateId);
            if (at < 0) {
                return Mono.error(ApiException.notFound("template-not-found", templateId));
            }
            own.set(at, new ReplyTemplate(templateId, title, text));
            return Mono.just(own);
        });
    }

    /** Removes one of the organisation's own templates (its admins); 404 when it has no such template. */
    public Mono<List<UsableTemplate>> remove(CurrentUser user, long organizationId, long templateId) {
        return update(user, organizationId, own -> {
            int at = indexOf(own, templateId);
            if (at < 0) {
                return Mono.error(ApiException.notFound("template-not-found", templateId));
            }
            own.remove(at);
            return Mono.just(own);
        });
    }

    /**
     * Makes the organisation's own templates these, in this order (its admins): 200 with what its staff may use now;
     * 400 naming the template at fault, and nothing changed.
     */
    public Mono<List<UsableTemplate>> replace(CurrentUser user, long organizationId, List<ReplyTemplate> wanted) {
        return update(user, organizationId, own -> wanted == null
                ? Mono.<List<ReplyTemplate>>error(ApiException.invalid("templates", "validation.required"))
                : Mono.just(wanted));
    }

    /**
     * One change of the organisation's own templates, in one transaction that holds the organisation's lock: two admins
     * saving at once each see the other's template, and neither deletes it unseen.
     */
    private Mono<List<UsableTemplate>> update(CurrentUser user, long organizationId,
                                              Function<List<ReplyTemplate>, Mono<List<ReplyTemplate>>> change) {
        return access.check(user, organizationId, Need.MANAGE).flatMap(scope -> repository.lock(organizationId)
                .then(repository.of(List.of(organizationId)).map(s -> new ReplyTemplate(s.id(), s.title(), s.text()))
                        .collect(ArrayList<ReplyTemplate>::new, List::add))
                .flatMap(own -> {
                    Set<Long> ids = new HashSet<>();
                    own.forEach(t -> ids.add(t.id()));
                    return change.apply(own).flatMap(wanted -> {
                        List<ReplyTemplate> clean = new ArrayList<>();
                        List<FieldProblem> problems = problems(wanted, ids, clean);
                        if (!problems.isEmpty()) {
                            return Mono.error(ApiException.invalid(problems));
                        }
                        return repository.replace(organizationId, clean, user.id())
                                .then(audit.record(user.id(), "reply-templates.replace", "organization:" + organizationId,
                                        organizationId, Map.of("templates", clean.size())));
                    });
                })
                .as(transaction::transactional)
                .then(usable(scope)));
    }

    private static int indexOf(List<ReplyTemplate> templates, long id) {
        for (int i = 0; i < templates.size(); i++) {
            if (templates.get(i).id() != null && templates.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** What is wrong with the templates wanted; the stripped ones go to {@code clean}. */
    private static List<FieldProblem> problems(List<ReplyTemplate> wanted, Set<Long> own, List<ReplyTemplate> clean) {
        List<FieldProblem> problems = new ArrayList<>();
        if (wanted.size() > MAX_TEMPLATES) {
            problems.add(new FieldProblem("templates", "validation.templates.many", MAX_TEMPLATES));
            return problems;
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            ReplyTemplate t = wanted.get(i);
            if (t == null) {
                problems.add(new FieldProblem("[" + i + "]", "validation.required"));
                continue;
            }
            String title = t.title() == null ? "" : t.title().strip();
            String text = t.text() == null ? "" : t.text().strip();
            if (t.id() != null && (!own.contains(t.id()) || !seen.add(t.id()))) {
                problems.add(new FieldProblem("[" + i + "].id", "validation.template.unknown"));
            }
            if (title.isEmpty() || title.length() > MAX_TITLE) {
                problems.add(new FieldProblem("[" + i + "].title", "validation.template.title", MAX_TITLE));
            }
            if (text.isEmpty()) {
                problems.add(new FieldProblem("[" + i + "].text", "validation.reply.empty"));
            } else if (text.length() > CabinetReplies.MAX_LENGTH) {
                problems.add(new FieldProblem("[" + i + "].text", "validation.reply.long"));
            }
            clean.add(new ReplyTemplate(t.id(), title, text));
        }
        return problems;
    }

    /** A reply's text with {@code {organization}} and {@code {date}} filled in (a text without them stays as it is). */
    String fill(String text, String organizationName) {
        if (!text.contains("{")) {
            return text;
        }
        return text.replace(ORGANIZATION, organizationName).replace(DATE, DAY.format(today()));
    }

    private LocalDate today() {
        return Minsk.today(clock);
    }
}

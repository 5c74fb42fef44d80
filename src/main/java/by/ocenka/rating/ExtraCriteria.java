package by.ocenka.rating;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import by.ocenka.account.CurrentUser;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ApiException.FieldProblem;
import by.ocenka.platform.AuditLog;
import by.ocenka.rating.internal.Criteria;
import by.ocenka.rating.internal.CriterionRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The criteria an organisation adds for itself and its whole subtree, on top of the five base ones: new questionnaires
 * of the subtree must score them. Removing one keeps the scores already given (they live in each questionnaire).
 */
@Service
public class ExtraCriteria {

    /** An extra criterion as the cabinet reads and writes it. */
    public record ExtraCriterion(String code, Map<String, String> name) {
    }

    public static final int MAX_PER_ORGANIZATION = 10;
    private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,31}$");
    private static final Set<String> BASE = Set.of("SIMPLICITY", "INFORMATION", "TIMELINESS", "POLITENESS", "OVERALL");

    private final CriterionRepository repository;
    private final Criteria criteria;
    private final Organizations organizations;
    private final AuditLog audit;
    private final TransactionalOperator transaction;
    private final ApplicationEventPublisher events;

    ExtraCriteria(CriterionRepository repository, Criteria criteria, Organizations organizations, AuditLog audit,
                  TransactionalOperator transaction, ApplicationEventPublisher events) {
        this.repository = repository;
        this.criteria = criteria;
        this.organizations = organizations;
        this.audit = audit;
        this.transaction = transaction;
        this.events = events;
    }

    /** The organisation's own extra criteria, in their order. */
    public Mono<List<ExtraCriterion>> of(long organizationId) {
        return repository.extra(organizationId).map(row -> new ExtraCriterion(row.code(), row.name())).collectList();
    }

    /** Replaces the organisation's extra criteria with these (400 for a bad code, a missing name or a repeat). */
    public Mono<List<ExtraCriterion>> replace(long organizationId, List<ExtraCriterion> wanted, CurrentUser staff) {
        List<FieldProblem> problems = validate(wanted);
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.invalid(problems));
        }
        List<String> codes = wanted.stream().map(ExtraCriterion::code).toList();
        return repository.replace(organizationId, wanted.stream()
                        .map(c -> new CriterionRepository.ExtraRow(c.code(), c.name())).toList())
                .then(audit.record(staff.id(), "criteria.replace", "organization:" + organizationId, organizationId,
                        Map.of("codes", codes)))
                .as(transaction::transactional)
                .then(Mono.fromRunnable(criteria::clear))
                // The subtree's rating forms show the criteria: their kept copies are renewed.
                .then(organizations.subtree(organizationId, 100_000))
                .doOnNext(ids -> ids.forEach(id -> events.publishEvent(new RatingRecords.FiguresChanged(id))))
                .then(of(organizationId));
    }

    private static List<FieldProblem> validate(List<ExtraCriterion> wanted) {
        List<FieldProblem> problems = new ArrayList<>();
        if (wanted.size() > MAX_PER_ORGANIZATION) {
            problems.add(new FieldProblem("criteria", "validation.criteria.many", MAX_PER_ORGANIZATION));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            ExtraCriterion c = wanted.get(i);
            String field = "[" + i + "]";
            if (c == null || c.code() == null || !CODE.matcher(c.code()).matches() || BASE.contains(c.code())) {
                problems.add(new FieldProblem(field + ".code", "validation.criterion.code"));
                continue;
            }
            if (!seen.add(c.code())) {
                problems.add(new FieldProblem(field + ".code", "validation.criterion.repeated"));
            }
            for (String language : List.of("ru", "be", "en")) {
                String name = c.name() == null ? null : c.name().get(language);
                if (name == null || name.isBlank() || name.strip().length() > 200) {
                    problems.add(new FieldProblem(field + ".name." + language, "validation.criterion.name"));
                }
            }
        }
        return problems;
    }
}

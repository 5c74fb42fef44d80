package by.ocenka.rating;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import io.swagger.v3.oas.annotations.media.Schema;
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

    /**
     * An extra criterion as the cabinet reads and writes it: a code is made when none is given (OWN_1, OWN_2, …), and
     * only the Russian name is required.
     */
    public record ExtraCriterion(@Schema(nullable = true, description = "Made when not given (OWN_1, OWN_2, …)") String code,
                                 @Schema(description = "ru required; be and en optional (the Russian name stands in)")
                                 Map<String, String> name) {
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
    public Mono<List<ExtraCriterion>> replace(long organizationId, List<ExtraCriterion> given, CurrentUser staff) {
        List<FieldProblem> problems = validate(given);
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.invalid(problems));
        }
        List<ExtraCriterion> wanted = completed(given);
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

    /** Codes made for the criteria given without one, and the Russian name where another language is left out. */
    private static List<ExtraCriterion> completed(List<ExtraCriterion> given) {
        Set<String> taken = new HashSet<>();
        given.stream().map(ExtraCriterion::code).filter(code -> code != null && !code.isBlank()).forEach(taken::add);
        List<ExtraCriterion> complete = new ArrayList<>();
        int next = 1;
        for (ExtraCriterion c : given) {
            String code = c.code();
            if (code == null || code.isBlank()) {
                while (taken.contains("OWN_" + next)) {
                    next++;
                }
                code = "OWN_" + next;
                taken.add(code);
            }
            String ru = c.name().get("ru").strip();
            Map<String, String> names = new LinkedHashMap<>();
            for (String language : List.of("ru", "be", "en")) {
                String name = c.name().get(language);
                names.put(language, name == null || name.isBlank() ? ru : name.strip());
            }
            complete.add(new ExtraCriterion(code, names));
        }
        return complete;
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
            if (c == null) {
                problems.add(new FieldProblem(field + ".name.ru", "validation.criterion.name"));
                continue;
            }
            // No code: one is made (OWN_1, OWN_2, …); a code given must be a code.
            if (c.code() != null && !c.code().isBlank()) {
                if (!CODE.matcher(c.code()).matches() || BASE.contains(c.code())) {
                    problems.add(new FieldProblem(field + ".code", "validation.criterion.code"));
                    continue;
                }
                if (!seen.add(c.code())) {
                    problems.add(new FieldProblem(field + ".code", "validation.criterion.repeated"));
                }
            }
            // Russian is required; Belarusian and English are optional (the Russian name stands in for them).
            for (String language : List.of("ru", "be", "en")) {
                String name = c.name() == null ? null : c.name().get(language);
                boolean missing = name == null || name.isBlank();
                if (missing && language.equals("ru") || !missing && name.strip().length() > 200) {
                    problems.add(new FieldProblem(field + ".name." + language, "validation.criterion.name"));
                }
            }
        }
        return problems;
    }
}

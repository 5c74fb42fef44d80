package by.ocenka.rating;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import by.ocenka.platform.ApiException.FieldProblem;
import by.ocenka.rating.RatingRecords.RatingRequest;
import by.ocenka.rating.internal.Criteria;

/** The rules a questionnaire keeps before it is counted, apart from who sends it and how often. */
final class QuestionnaireRules {

    private QuestionnaireRules() {
    }

    /**
     * What is wrong with a questionnaire for these criteria on this day (Minsk): every criterion scored 1–5 and no other,
     * a comment up to 2,000 characters, a service name up to 200, an employee's name up to 120, a service date neither ahead nor further back than
     * {@code window}. Empty when it may be counted.
     */
    static List<FieldProblem> problems(RatingRequest request, List<Criteria.Criterion> list, LocalDate today, Period window) {
        List<FieldProblem> problems = new ArrayList<>();
        // Nothing scored: each criterion says so, next to itself (not one message for the whole form).
        Map<String, Integer> scores = request.scores() == null ? Map.of() : request.scores();
        for (Criteria.Criterion c : list) {
            Integer score = scores.get(c.code());
            if (score == null) {
                problems.add(new FieldProblem("scores." + c.code(), "validation.required"));
            } else if (score < 1 || score > 5) {
                problems.add(new FieldProblem("scores." + c.code(), "Size.range", "score", 5, 1));
            }
        }
        for (String code : scores.keySet()) {
            if (list.stream().noneMatch(c -> c.code().equals(code))) {
                problems.add(new FieldProblem("scores." + code, "validation.criterion.unknown"));
            }
        }
        if (request.comment() != null && request.comment().length() > 2000) {
            problems.add(new FieldProblem("comment", "validation.tooLong", 2000));
        }
        if (request.serviceName() != null && request.serviceName().length() > 200) {
            problems.add(new FieldProblem("serviceName", "validation.tooLong", 200));
        }
        if (request.employee() != null && request.employee().strip().length() > 120) {
            problems.add(new FieldProblem("employee", "validation.tooLong", 120));
        }
        if (request.serviceDate() != null) {
            if (request.serviceDate().isAfter(today)) {
                problems.add(new FieldProblem("serviceDate", "PastOrPresent"));
            } else if (request.serviceDate().isBefore(today.minus(window))) {
                problems.add(new FieldProblem("serviceDate", "validation.serviceDate.old"));
            }
        }
        return problems;
    }
}

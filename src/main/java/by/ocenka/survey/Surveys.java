package by.ocenka.survey;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.Csv;
import by.ocenka.platform.Digests;
import by.ocenka.survey.SurveyRecords.NewSurvey;
import by.ocenka.survey.SurveyRecords.Option;
import by.ocenka.survey.SurveyRecords.OptionResults;
import by.ocenka.survey.SurveyRecords.Question;
import by.ocenka.survey.SurveyRecords.QuestionResults;
import by.ocenka.survey.SurveyRecords.Results;
import by.ocenka.survey.SurveyRecords.Survey;
import by.ocenka.survey.internal.SurveyRepository;
import by.ocenka.survey.internal.SurveyRepository.Answer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Polls. Anyone answers an open poll once: once per browser (a token in a cookie, kept hashed) and once per account;
 * one address may send at most {@value #PER_ADDRESS_PER_HOUR} responses to a poll an hour, so that a script cannot
 * stuff the box from one place. Results count every response; shares are of the responses that answered the question.
 */
@Service
public class Surveys {

    static final int PER_ADDRESS_PER_HOUR = 20;

    private final SurveyRepository repository;
    private final TransactionalOperator transaction;
    private final Clock clock;

    Surveys(SurveyRepository repository, TransactionalOperator transaction, Clock clock) {
        this.repository = repository;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A moderator's new poll; 400 for a choice question without options. */
    public Mono<Long> create(NewSurvey survey, Long moderatorId) {
        for (int i = 0; i < survey.questions().size(); i++) {
            var question = survey.questions().get(i);
            if (!question.kind().equals("text") && (question.options() == null || question.options().size() < 2)) {
                return Mono.error(ApiException.invalid("questions[" + i + "].options", "validation.options"));
            }
        }
        return repository.insert(survey, moderatorId).as(transaction::transactional);
    }

    /** Open polls (or all, newest first), in the language. */
    public Mono<List<Survey>> surveys(boolean all, String language) {
        return repository.surveys(all).collectList().flatMap(rows -> assemble(rows, language));
    }

    /** One poll; 404 for an unknown one. */
    public Mono<Survey> survey(long id, String language) {
        return repository.survey(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(SurveyProblem.SURVEY_NOT_FOUND, id)))
                .flatMap(row -> assemble(List.of(row), language)).map(list -> list.get(0));
    }

    /**
     * Records a response: 201; 404 unknown poll; 410 closed (or not open yet); 400 an answer that does not fit its
     * question (an unknown question or option, two options for a single choice, an empty required text is allowed to
     * be left out: every question is optional, but a response must answer at least one); 409 this browser or account
     * already answered; 429 too many responses from one address.
     */
    public Mono<Long> respond(long surveyId, Map<String, Object> answers, String browserToken, Long userId, String address) {
        return survey(surveyId, "ru").flatMap(survey -> {
            if (!survey.open()) {
                return Mono.error(new ApiException(HttpStatus.GONE, SurveyProblem.SURVEY_CLOSED));
            }
            List<Answer> checked = check(survey, answers);
            String addressHash = Digests.sha256Hex(address);
            return repository.lock(surveyId, addressHash)
                    .then(repository.fromAddressSince(surveyId, addressHash, OffsetDateTime.now(clock).minus(Duration.ofHours(1))))
                    .flatMap(recent -> recent >= PER_ADDRESS_PER_HOUR
                            ? Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, SurveyProblem.SURVEY_TOO_MANY))
                            : repository.respond(surveyId, Digests.sha256Hex(browserToken), userId, addressHash, checked)
                                    .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.CONFLICT, SurveyProblem.SURVEY_ANSWERED))))
                    .as(transaction::transactional);
        });
    }

    public Mono<Results> results(long surveyId, String language) {
        return survey(surveyId, language).flatMap(survey -> Mono.zip(repository.responses(surveyId),
                        repository.counts(surveyId).collectList(), repository.answered(surveyId).collectList())
                .map(t -> {
                    List<QuestionResults> questions = new ArrayList<>();
                    for (Question q : survey.questions()) {
                        // Shares are of the responses that answered the question (a response may leave one out).
                        long respondents = t.getT3().stream().filter(c -> c.questionId() == q.id())
                                .mapToLong(SurveyRepository.Count::count).sum();
                        List<OptionResults> options = new ArrayList<>();
                        for (Option o : q.options()) {
                            long count = t.getT2().stream().filter(c -> c.questionId() == q.id() && Long.valueOf(o.id()).equals(c.optionId()))
                                    .mapToLong(SurveyRepository.Count::count).sum();
                            options.add(new OptionResults(o.id(), o.text(), count,
                                    respondents == 0 ? 0 : Math.round(count * 1000.0 / respondents) / 10.0));
                        }
                        long texts = t.getT2().stream().filter(c -> c.questionId() == q.id() && c.optionId() == null)
                                .mapToLong(SurveyRepository.Count::count).sum();
                        questions.add(new QuestionResults(q.id(), q.text(), q.kind(), options, texts));
                    }
                    return new Results(t.getT1(), questions);
                }));
    }

    /** The results as CSV: question, option, count, share (percent). */
    public Mono<String> resultsCsv(long surveyId, String language) {
        return results(surveyId, language).map(results -> {
            StringBuilder csv = new StringBuilder("question,option,count,share\r\n");
            for (QuestionResults q : results.questions()) {
                for (OptionResults o : q.options()) {
                    csv.append(cell(q.text())).append(',').append(cell(o.text())).append(',').append(o.count()).append(',')
                            .append(o.share()).append("\r\n");
                }
                if (q.kind().equals("text")) {
                    csv.append(cell(q.text())).append(",,").append(q.texts()).append(",\r\n");
                }
            }
            return csv.toString();
        });
    }

    /** Closes a poll now; 404 unknown, 409 closed already. */
    public Mono<Void> close(long id) {
        return repository.survey(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(SurveyProblem.SURVEY_NOT_FOUND, id)))
                .flatMap(row -> repository.close(id))
                .flatMap(closed -> closed ? Mono.empty() : Mono.error(new ApiException(HttpStatus.CONFLICT, SurveyProblem.SURVEY_CLOSED)));
    }

    private List<Answer> check(Survey survey, Map<String, Object> answers) {
        List<Answer> result = new ArrayList<>();
        Map<String, Question> byId = new LinkedHashMap<>();
        survey.questions().forEach(q -> byId.put(String.valueOf(q.id()), q));
        for (Map.Entry<String, Object> entry : answers.entrySet()) {
            Question question = byId.get(entry.getKey());
            String field = "answers." + entry.getKey();
            if (question == null) {
                throw ApiException.invalid(field, "validation.unknown");
            }
            if (question.kind().equals("text")) {
                if (!(entry.getValue() instanceof String text) || text.length() > 2000) {
                    throw ApiException.invalid(field, "validation.format");
                }
                if (!text.isBlank()) {
                    result.add(new Answer(question.id(), null, text.strip()));
                }
                continue;
            }
            if (!(entry.getValue() instanceof Collection<?> chosen) || chosen.isEmpty()
                    || (question.kind().equals("single") && chosen.size() != 1)) {
                throw ApiException.invalid(field, "validation.format");
            }
            Set<Long> options = new HashSet<>();
            question.options().forEach(o -> options.add(o.id()));
            Set<Long> seen = new HashSet<>();
            for (Object value : chosen) {
                long option;
                try {
                    option = Long.parseLong(String.valueOf(value));
                } catch (NumberFormatException e) {
                    throw ApiException.invalid(field, "validation.unknown");
                }
                if (!options.contains(option)) {
                    throw ApiException.invalid(field, "validation.unknown");
                }
                if (seen.add(option)) {
                    result.add(new Answer(question.id(), option, null));
                }
            }
        }
        if (result.isEmpty()) {
            throw ApiException.invalid("answers", "validation.required");
        }
        return result;
    }

    private Mono<List<Survey>> assemble(List<SurveyRepository.Row> rows, String language) {
        List<Long> ids = rows.stream().map(SurveyRepository.Row::id).toList();
        return repository.questions(ids).collectList().flatMap(questions -> repository.options(
                        questions.stream().map(SurveyRepository.QuestionRow::id).toList()).collectList()
                .map(options -> {
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    return rows.stream().map(row -> new Survey(row.id(), row.title().in(language),
                            row.description().in(language).isBlank() ? null : row.description().in(language), row.opensAt(),
                            row.closesAt(), !row.opensAt().isAfter(now) && row.closesAt().isAfter(now),
                            questions.stream().filter(q -> q.surveyId() == row.id())
                                    .map(q -> new Question(q.id(), q.text().in(language), q.kind(), options.stream()
                                            .filter(o -> o.questionId() == q.id())
                                            .map(o -> new Option(o.id(), o.text().in(language))).toList()))
                                    .toList())).toList();
                }));
    }

    private static String cell(String text) {
        return Csv.field(text);
    }
}

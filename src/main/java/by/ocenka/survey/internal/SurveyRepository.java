package by.ocenka.survey.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.survey.SurveyRecords.NewQuestion;
import by.ocenka.survey.SurveyRecords.NewSurvey;
import by.ocenka.survey.SurveyRecords.Texts;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The polls' tables: polls with their questions and options, the responses and their answers. */
@Repository
public class SurveyRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A poll's row, its texts in every language. */
    public record Row(long id, Texts title, Texts description, OffsetDateTime opensAt, OffsetDateTime closesAt) {
    }

    public record QuestionRow(long id, long surveyId, String kind, Texts text) {
    }

    public record OptionRow(long id, long questionId, Texts text) {
    }

    /** One answer of a response: an option, or a text. */
    public record Answer(long questionId, Long optionId, String text) {
    }

    /** An option's count of answers, or a question's count of text answers (option null). */
    public record Count(long questionId, Long optionId, long count) {
    }

    private final DatabaseClient db;

    SurveyRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Long> insert(NewSurvey survey, Long createdBy) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO survey (title, description, opens_at, closes_at, created_by)
                        VALUES (:title::jsonb, :description::jsonb, coalesce(:opens, now()), :closes, :by) RETURNING id""")
                .bind("title", json(survey.title()))
                .bind("description", survey.description() == null ? "{}" : json(survey.description()))
                .bind("closes", survey.closesAt());
        spec = survey.opensAt() == null ? spec.bindNull("opens", OffsetDateTime.class) : spec.bind("opens", survey.opensAt());
        spec = createdBy == null ? spec.bindNull("by", Long.class) : spec.bind("by", createdBy);
        return spec.map(row -> row.get("id", Long.class)).one()
                .flatMap(id -> Flux.range(0, survey.questions().size())
                        .concatMap(i -> insertQuestion(id, i, survey.questions().get(i)))
                        .then(Mono.just(id)));
    }

    private Mono<Void> insertQuestion(long surveyId, int position, NewQuestion question) {
        return db.sql("INSERT INTO survey_question (survey_id, position, kind, text) VALUES (:s, :p, :k, :t::jsonb) RETURNING id")
                .bind("s", surveyId).bind("p", position).bind("k", question.kind()).bind("t", json(question.text()))
                .map(row -> row.get("id", Long.class)).one()
                .flatMap(id -> question.options() == null || question.kind().equals("text") ? Mono.empty()
                        : Flux.range(0, question.options().size()).concatMap(i -> db.sql(
                                        "INSERT INTO survey_option (question_id, position, text) VALUES (:q, :p, :t::jsonb)")
                                .bind("q", id).bind("p", i).bind("t", json(question.options().get(i))).then()).then());
    }

    /** Polls open now (or every poll, newest first, when {@code all}). */
    public Flux<Row> surveys(boolean all) {
        return db.sql("SELECT id, title::text AS title, description::text AS description, opens_at, closes_at FROM survey "
                        + (all ? "" : "WHERE opens_at <= now() AND closes_at > now() ") + "ORDER BY closes_at DESC, id DESC LIMIT 100")
                .map(row -> new Row(row.get("id", Long.class), texts(row.get("title", String.class)),
                        texts(row.get("description", String.class)), row.get("opens_at", OffsetDateTime.class),
                        row.get("closes_at", OffsetDateTime.class)))
                .all();
    }

    public Mono<Row> survey(long id) {
        return db.sql("SELECT id, title::text AS title, description::text AS description, opens_at, closes_at FROM survey WHERE id = :id")
                .bind("id", id)
                .map(row -> new Row(row.get("id", Long.class), texts(row.get("title", String.class)),
                        texts(row.get("description", String.class)), row.get("opens_at", OffsetDateTime.class),
                        row.get("closes_at", OffsetDateTime.class)))
                .one();
    }

    public Flux<QuestionRow> questions(List<Long> surveyIds) {
        return surveyIds.isEmpty() ? Flux.empty() : db.sql("""
                        SELECT id, survey_id, kind, text::text AS text FROM survey_question
                        WHERE survey_id = ANY(:ids) ORDER BY survey_id, position""")
                .bind("ids", surveyIds.toArray(Long[]::new))
                .map(row -> new QuestionRow(row.get("id", Long.class), row.get("survey_id", Long.class),
                        row.get("kind", String.class), texts(row.get("text", String.class))))
                .all();
    }

    public Flux<OptionRow> options(List<Long> questionIds) {
        return questionIds.isEmpty() ? Flux.empty() : db.sql("""
                        SELECT id, question_id, text::text AS text FROM survey_option
                        WHERE question_id = ANY(:ids) ORDER BY question_id, position""")
                .bind("ids", questionIds.toArray(Long[]::new))
                .map(row -> new OptionRow(row.get("id", Long.class), row.get("question_id", Long.class),
                        texts(row.get("text", String.class))))
                .all();
    }

    /**
     * Holds, until the transaction ends, the lock of one address's responses to one poll: parallel responses from the
     * address are counted one after another, so the limit cannot be passed by sending them at once.
     */
    public Mono<Void> lock(long surveyId, String address) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext(:key)) AS locked").bind("key", surveyId + ":" + address)
                .map(row -> true).one().then();
    }

    /** How many distinct responses answered each question of a poll (the base of its options' shares). */
    public Flux<Count> answered(long surveyId) {
        return db.sql("""
                        SELECT a.question_id, count(DISTINCT a.response_id) AS n FROM survey_answer a
                        JOIN survey_question q ON q.id = a.question_id WHERE q.survey_id = :s GROUP BY a.question_id""")
                .bind("s", surveyId)
                .map(row -> new Count(row.get("question_id", Long.class), null, row.get("n", Long.class)))
                .all();
    }

    /** Responses from one address to a poll since a moment (the per-address limit). */
    public Mono<Long> fromAddressSince(long surveyId, String address, OffsetDateTime since) {
        return db.sql("SELECT count(*) AS n FROM survey_response WHERE survey_id = :s AND address = :a AND created_at > :since")
                .bind("s", surveyId).bind("a", address).bind("since", since)
                .map(row -> row.get("n", Long.class)).one();
    }

    /** The response's id, or empty when this browser or account already answered (the unique keys decide). */
    public Mono<Long> respond(long surveyId, String browser, Long userId, String address, List<Answer> answers) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO survey_response (survey_id, browser, user_id, address) VALUES (:s, :b, :u, :a)
                        ON CONFLICT DO NOTHING RETURNING id""")
                .bind("s", surveyId).bind("b", browser).bind("a", address);
        spec = userId == null ? spec.bindNull("u", Long.class) : spec.bind("u", userId);
        return spec.map(row -> row.get("id", Long.class)).one()
                .flatMap(id -> Flux.fromIterable(answers).concatMap(answer -> {
                    DatabaseClient.GenericExecuteSpec a = db.sql(
                                    "INSERT INTO survey_answer (response_id, question_id, option_id, text) VALUES (:r, :q, :o, :t)")
                            .bind("r", id).bind("q", answer.questionId());
                    a = answer.optionId() == null ? a.bindNull("o", Long.class) : a.bind("o", answer.optionId());
                    a = answer.text() == null ? a.bindNull("t", String.class) : a.bind("t", answer.text());
                    return a.then();
                }).then(Mono.just(id)));
    }

    public Mono<Long> responses(long surveyId) {
        return db.sql("SELECT count(*) AS n FROM survey_response WHERE survey_id = :s").bind("s", surveyId)
                .map(row -> row.get("n", Long.class)).one();
    }

    public Flux<Count> counts(long surveyId) {
        return db.sql("""
                        SELECT a.question_id, a.option_id, count(*) AS n FROM survey_answer a
                        JOIN survey_question q ON q.id = a.question_id
                        WHERE q.survey_id = :s GROUP BY a.question_id, a.option_id""")
                .bind("s", surveyId)
                .map(row -> new Count(row.get("question_id", Long.class), row.get("option_id", Long.class),
                        row.get("n", Long.class)))
                .all();
    }

    /** Closes a poll now; false when it was closed already. */
    public Mono<Boolean> close(long id) {
        // A poll closed the moment it opened still has closed after it opened (the table's check).
        return db.sql("UPDATE survey SET opens_at = least(opens_at, now() - interval '1 second'), closes_at = now() "
                        + "WHERE id = :id AND closes_at > now()")
                .bind("id", id).fetch().rowsUpdated().map(n -> n > 0);
    }

    private static String json(Texts texts) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ru", texts.ru().strip());
        if (texts.be() != null && !texts.be().isBlank()) {
            values.put("be", texts.be().strip());
        }
        if (texts.en() != null && !texts.en().isBlank()) {
            values.put("en", texts.en().strip());
        }
        return JSON.writeValueAsString(values);
    }

    @SuppressWarnings("unchecked")
    private static Texts texts(String json) {
        Map<String, String> values = JSON.readValue(json, Map.class);
        return new Texts(values.getOrDefault("ru", ""), values.get("be"), values.get("en"));
    }

}

package by.ocenka.survey.demo;

import java.time.OffsetDateTime;
import java.util.List;

import by.ocenka.platform.DemoDataSet;
import by.ocenka.survey.SurveyRecords.NewQuestion;
import by.ocenka.survey.SurveyRecords.NewSurvey;
import by.ocenka.survey.SurveyRecords.Texts;
import by.ocenka.survey.Surveys;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Demo polls for the local mode: two open and one closed, each with a few hundred answers. */
@Component
class SurveyDemoData implements DemoDataSet {

    private final Surveys surveys;
    private final DatabaseClient db;

    SurveyDemoData(Surveys surveys, DatabaseClient db) {
        this.surveys = surveys;
        this.db = db;
    }

    @Override
    public String name() {
        return "polls";
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public Mono<Boolean> isLoaded() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM survey) AS found").map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    @Override
    public Mono<Void> load() {
        OffsetDateTime now = OffsetDateTime.now();
        List<NewSurvey> polls = List.of(
                new NewSurvey(new Texts("Удобно ли оценивать по QR-коду?", "Ці зручна ацэньваць па QR-кодзе?", "Is rating by QR code easy?"),
                        new Texts("Помогите сделать портал удобнее.", "Дапамажыце зрабіць партал зручнейшым.", "Help us make the portal easier."),
                        now.minusDays(10), now.plusDays(20), List.of(
                        new NewQuestion("single", new Texts("Удобно ли оценивать по QR-коду?", "Ці зручна ацэньваць па QR-кодзе?", "Is rating by QR code easy?"),
                                List.of(new Texts("Да", "Так", "Yes"), new Texts("Скорее да", "Хутчэй так", "Mostly"),
                                        new Texts("Нет", "Не", "No"))),
                        new NewQuestion("multiple", new Texts("Чем вы пользуетесь?", "Чым вы карыстаецеся?", "What do you use?"),
                                List.of(new Texts("QR-код", "QR-код", "QR code"), new Texts("Поиск", "Пошук", "Search"),
                                        new Texts("Карта", "Карта", "Map"), new Texts("Рейтинг", "Рэйтынг", "Rankings"))),
                        new NewQuestion("text", new Texts("Что улучшить?", "Што палепшыць?", "What should we improve?"), null))),
                new NewSurvey(new Texts("Часы работы поликлиник", "Гадзіны працы паліклінік", "Clinics' opening hours"), null,
                        now.minusDays(3), now.plusDays(30), List.of(
                        new NewQuestion("single", new Texts("Удобны ли вам часы работы?", "Ці зручныя вам гадзіны працы?", "Do the hours suit you?"),
                                List.of(new Texts("Да", "Так", "Yes"), new Texts("Нужны вечерние часы", "Патрэбныя вячэрнія гадзіны", "Evenings needed"),
                                        new Texts("Нужна суббота", "Патрэбная субота", "Saturdays needed"))))),
                new NewSurvey(new Texts("Электронная очередь", "Электронная чарга", "Electronic queue"), null,
                        now.minusDays(60), now.minusDays(30), List.of(
                        new NewQuestion("single", new Texts("Пользовались ли вы электронной очередью?", "Ці карысталіся вы электроннай чаргой?",
                                "Have you used an electronic queue?"),
                                List.of(new Texts("Да", "Так", "Yes"), new Texts("Нет", "Не", "No"))))));
        // Created open (a poll must close in the future), then dated as the demo wants.
        return Flux.fromIterable(polls)
                .concatMap(poll -> surveys.create(new NewSurvey(poll.title(), poll.description(), poll.opensAt(),
                                now.plusDays(1), poll.questions()), null)
                        .flatMap(id -> db.sql("UPDATE survey SET closes_at = :closes WHERE id = :id").bind("closes", poll.closesAt())
                                .bind("id", id).then().thenReturn(id)))
                .concatMap(this::answers)
                .then();
    }

    /** A few hundred answers: every choice question answered with a skew towards its first options. */
    private Mono<Void> answers(long poll) {
        return db.sql("""
                        WITH responses AS (
                            INSERT INTO survey_response (survey_id, browser, address, created_at)
                            SELECT :poll, md5('demo-' || :poll || '-' || g) || md5('b' || g), md5('demo-address-' || g % 97) || md5('a'),
                                   s.opens_at + (s.closes_at - s.opens_at) * random() / 2
                            FROM generate_series(1, 150 + (:poll % 5) * 40) g, survey s WHERE s.id = :poll
                            RETURNING id)
                        INSERT INTO survey_answer (response_id, question_id, option_id)
                        SELECT r.id, q.id, (SELECT o.id FROM survey_option o WHERE o.question_id = q.id
                                            ORDER BY -ln(1 - random()) * (o.position + 1) LIMIT 1)
                        FROM responses r JOIN survey_question q ON q.survey_id = :poll AND q.kind <> 'text'""")
                .bind("poll", poll).then();
    }
}

package by.ocenka.moderation.demo;

import java.util.List;
import java.util.Locale;

import by.ocenka.catalog.Organizations;
import by.ocenka.moderation.Complaints;
import by.ocenka.moderation.Feedback;
import by.ocenka.platform.DemoDataSet;
import by.ocenka.rating.Reviews;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Demo moderation for the local mode: messages to support (one answered) and flags on comments of the Borisov
 * district committee (one comment hidden, one flag dismissed, the rest waiting), so the queues and the public
 * figures have something in them.
 */
@Component
class ModerationDemoData implements DemoDataSet {

    private static final String BORISOV_UNP = "610006092";

    private final Feedback feedback;
    private final Complaints complaints;
    private final Organizations organizations;
    private final Reviews reviews;
    private final DatabaseClient db;

    ModerationDemoData(Feedback feedback, Complaints complaints, Organizations organizations, Reviews reviews, DatabaseClient db) {
        this.feedback = feedback;
        this.complaints = complaints;
        this.organizations = organizations;
        this.reviews = reviews;
        this.db = db;
    }

    @Override
    public String name() {
        return "moderation";
    }

    @Override
    public int order() {
        return 450; // after the questionnaires and the replies
    }

    @Override
    public Mono<Boolean> isLoaded() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM feedback) AS found").map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    @Override
    public Mono<Void> load() {
        Mono<Void> messages = Flux.just(
                        new Feedback.Message(Feedback.Topic.PROBLEM, "Не приходит письмо с кодом на mail.ru", "user1@example.by"),
                        new Feedback.Message(Feedback.Topic.IDEA, "Добавьте оценку по голосу для пожилых людей", null),
                        new Feedback.Message(Feedback.Topic.ORGANIZATION, "Нет нашего сельского ФАП в каталоге (д. Зембин)", "zembin@example.by"))
                .concatMap(message -> feedback.send(message, null))
                .collectList()
                .flatMap(sent -> feedback.answer(sent.get(0).id(), new Feedback.Answer("Проверьте папку «Спам»; письмо уходит за секунды."),
                        0L, Locale.forLanguageTag("ru")))
                .then();
        Mono<Void> flags = organizations.idByUnp(BORISOV_UNP)
                .flatMap(org -> reviews.latest(org, 30))
                .flatMapMany(latest -> Flux.fromIterable(latest).filter(r -> r.comment() != null).take(4))
                .index()
                .concatMap(t -> complaints.flag(t.getT2().id(), new Complaints.Flag(List.of("abuse", "spam", "off-topic",
                        "personal-data").get(t.getT1().intValue()), null), null, "demo-" + t.getT1()))
                .collectList()
                .flatMap(flagged -> flagged.size() < 2 ? Mono.empty()
                        : complaints.hide(flagged.get(0).id(), new Complaints.Decision("abuse"), 0L)
                                .then(complaints.dismiss(flagged.get(1).id(), 0L)))
                .then();
        return messages.then(flags);
    }
}

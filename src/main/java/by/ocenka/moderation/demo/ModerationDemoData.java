package by.ocenka.moderation.demo;

import java.util.List;
import java.util.Locale;

import by.ocenka.account.AccountService;
import by.ocenka.catalog.Organizations;
import by.ocenka.moderation.Complaints;
import by.ocenka.moderation.Feedback;
import by.ocenka.moderation.ModerationService;
import by.ocenka.moderation.OrganizationRequests;
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
    private final ModerationService requests;
    private final AccountService accounts;

    ModerationDemoData(Feedback feedback, Complaints complaints, Organizations organizations, Reviews reviews, DatabaseClient db,
                       ModerationService requests, AccountService accounts) {
        this.requests = requests;
        this.accounts = accounts;
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
        // Two citizens' reports of organisations the catalogue lacks, waiting in the moderators' queue.
        Mono<Void> reports = accounts.demoCitizens().flatMapMany(citizens -> Flux.fromIterable(citizens.keySet()).sort().take(2))
                .collectList()
                .flatMapMany(citizens -> citizens.isEmpty() ? Flux.empty() : Flux.just(
                        new OrganizationRequests.Submission("Фельдшерско-акушерский пункт д. Зембин", "Борисовский р-н, д. Зембин, ул. Школьная, 2",
                                1, null, "Нет в каталоге, а мы обслуживаемся там всей деревней"),
                        new OrganizationRequests.Submission("Библиотека-филиал аг. Гресск", "Слуцкий р-н, аг. Гресск, ул. Центральная, 1",
                                16, null, null))
                        .index()
                        .concatMap(t -> requests.submit(citizens.get((int) (t.getT1() % citizens.size())), t.getT2())))
                .then();
        return messages.then(flags).then(reports);
    }
}

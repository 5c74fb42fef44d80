package by.ocenka.cabinet.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import by.ocenka.catalog.Organizations;
import by.ocenka.platform.DemoDataSet;
import by.ocenka.platform.Minsk;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * «Вы сказали — мы сделали» in the demo: a district polyclinic of the Minsk oblast (one of the demo's busiest, so that
 * its themes have comments to count, and in the oblast committee's demo cabinet) publishes changes on the themes its
 * comments speak of most, some months back; its public page shows each with the comments before and after it.
 * Written as the organisation's own rows (the demo mails no one: these citizens are made up).
 */
@Component
class ImprovementDemoData implements DemoDataSet {

    private static final String ORGANIZATION = "Поликлиника УЗ «Логойская ЦРБ»";

    private record Change(String title, String text, String theme, int monthsAgo) {
    }

    private static final List<Change> CHANGES = List.of(
            new Change("Второе окно регистратуры и запись на время",
                    "По отзывам об очередях открыли второе окно регистратуры и запись к терапевтам на конкретное время по "
                            + "телефону и на сайте. Записавшихся принимают без очереди.", "queue", 5),
            new Change("Приём терапевтов по вторникам до 20:00",
                    "Пациенты писали, что не успевают прийти в рабочее время. Теперь по вторникам терапевты принимают "
                            + "до 20:00, регистратура работает без перерыва на обед.", "hours", 3),
            new Change("Памятки у регистратуры",
                    "У регистратуры и на сайте появились памятки: как записаться к узким специалистам, какие анализы "
                            + "сдают натощак и где получить результаты.", "information", 2));

    private final DatabaseClient db;
    private final Organizations organizations;
    private final Clock clock;

    ImprovementDemoData(DatabaseClient db, Organizations organizations, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "improvements";
    }

    @Override
    public int order() {
        return 320; // after the questionnaires and the staff
    }

    @Override
    public Mono<Boolean> isLoaded() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM improvement) AS loaded").map(row -> row.get("loaded", Boolean.class)).one();
    }

    @Override
    public Mono<Void> load() {
        LocalDate today = Minsk.today(clock);
        return organizations.idsByName(List.of(ORGANIZATION)).flatMapMany(ids -> {
            Long id = ids.get(ORGANIZATION);
            return id == null ? Flux.empty() : Flux.fromIterable(CHANGES).concatMap(change -> db.sql("""
                            INSERT INTO improvement (organization_id, title, text, theme, effective_on, notified, created_at)
                            VALUES (:org, :title, :text, :theme, :on, 0, :on::timestamptz + interval '9 hours')""")
                    .bind("org", id).bind("title", change.title()).bind("text", change.text()).bind("theme", change.theme())
                    .bind("on", today.minusMonths(change.monthsAgo()).withDayOfMonth(1)).then());
        }).then();
    }
}

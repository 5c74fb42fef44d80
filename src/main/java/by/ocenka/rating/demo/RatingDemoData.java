package by.ocenka.rating.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import by.ocenka.account.AccountService;
import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.Placement;
import by.ocenka.platform.DemoDataSet;
import by.ocenka.platform.DemoProperties;
import by.ocenka.platform.Minsk;
import by.ocenka.platform.PostgresCopy;
import by.ocenka.rating.internal.QuestionnairePartitions;
import by.ocenka.rating.internal.RatingJobs;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static by.ocenka.platform.PostgresCopy.text;

/**
 * Five years of questionnaires for the demo catalogue by the demo citizens: 520,000 questionnaires
 * ({@code ocenka.demo.questionnaires}), generated with a fixed seed. Organisations differ in popularity (a few busy ones, a long tail) and in quality, by sphere and region
 * too, and each drifts over the years (some improve, some decline), so that rankings, changes and trends show
 * something. Loaded with COPY, then the aggregates are rebuilt from it.
 */
@Component
class RatingDemoData implements DemoDataSet {

    static final long SEED = 20261123L;
    private static final String[] CRITERIA = {"SIMPLICITY", "INFORMATION", "TIMELINESS", "POLITENESS", "OVERALL"};
    private static final String COPY = "COPY questionnaire (organization_id, user_id, local_date, scores, mean, service_name, "
            + "comment, created_at, author_name) FROM STDIN";
    private static final String[] PRAISE = {
            "Всё быстро и вежливо, спасибо!", "Приняли без очереди, объяснили понятно.", "Отличная работа сотрудников.",
            "Документы подготовили в срок.", "Очень доброжелательный персонал.", "Удобно, что можно записаться заранее.",
            "Записалась через сайт, приняли минута в минуту.", "Специалист грамотно всё объяснил и сразу нашёл ошибку в заявлении.",
            "В зале чисто, есть где присесть, у входа пандус.", "Удобно, что по субботам тоже работают.",
            "Супрацоўнікі ветлівыя, усё растлумачылі.", "Даведку зрабілі за адзін дзень, без чаргі.",
            "Спасибо!", "Всё хорошо."};
    private static final String[] COMPLAINTS = {
            "Долго ждал в очереди.", "Информации на сайте не хватает, пришлось звонить несколько раз.",
            "Сотрудник был невнимателен.", "Сроки затянули на неделю.", "Неудобный график работы.",
            "Пришлось приходить дважды из-за неполного списка документов.",
            "Обеденный перерыв посреди дня, а вечером уже закрыто.", "Сотрудница нагрубила, разговаривала с раздражением.",
            "В коридоре душно и негде сесть, лифт не работает.", "Онлайн-запись на сайте не работает, пришлось ехать лично.",
            "В справке допустили ошибку, переделывали два раза.", "Прастаялі ў чарзе паўтары гадзіны.",
            "На тэлефон ніхто не адказвае, інфармацыі на стэндзе няма.", "Адказ на зварот прыйшоў праз месяц замест 15 дзён."};
    private static final String[] SERVICES = {
            "Выдача справки", "Консультация", "Регистрация по месту жительства", "Приём заявления", "Запись к врачу",
            "Оплата услуг", "Получение посылки", "Замена паспорта", "Выдача разрешения", "Назначение пособия"};

    private final DatabaseClient db;
    private final PostgresCopy copy;
    private final RatingJobs jobs;
    private final AccountService accounts;
    private final Organizations organizations;
    private final Clock clock;
    private final QuestionnairePartitions partitions;
    private final int questionnaires;

    RatingDemoData(DatabaseClient db, PostgresCopy copy, RatingJobs jobs, AccountService accounts,
                   Organizations organizations, Clock clock, DemoProperties properties,
                   QuestionnairePartitions partitions) {
        this.partitions = partitions;
        this.questionnaires = properties.questionnaires();
        this.db = db;
        this.copy = copy;
        this.jobs = jobs;
        this.accounts = accounts;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "questionnaires";
    }

    @Override
    public int order() {
        return 200; // after the catalogue (100) and the citizens (150)
    }

    @Override
    public Mono<Boolean> isLoaded() {
        // The old portal's history (HistoryDemoData, loaded first) has no author: the demo's own questionnaires have one.
        return db.sql("SELECT EXISTS (SELECT 1 FROM questionnaire WHERE user_id IS NOT NULL) AS found")
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    @Override
    public Mono<Void> load() {
        Mono<List<Placement>> active = organizations.placements()
                .sort(Comparator.comparingLong(Placement::id)).collectList();
        Mono<List<Citizen>> citizens = accounts.demoCitizens().map(byId -> byId.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new Citizen(e.getKey(), e.getValue())).toList());
        // The history's months get their partitions first (not the DEFAULT one).
        return partitions.ensureFrom(YearMonth.from(Minsk.today(clock).minusYears(5)))
                .then(Mono.zip(active, citizens))
                .flatMap(t -> copy.copyIn(COPY, questionnaires(t.getT1(), t.getT2())
                        .subscribeOn(Schedulers.boundedElastic())))
                .then(db.sql("ANALYZE questionnaire").then())
                .then(jobs.rebuildAndReconcile());
    }

    /** A demo citizen: who writes a questionnaire, and the name it is signed with. */
    private record Citizen(long id, String name) {
    }

    /** The questionnaires as COPY text, in chunks, generated lazily (never all in memory). */
    private Flux<String> questionnaires(List<Placement> organizations, List<Citizen> citizens) {
        return Flux.defer(() -> {
            Random random = new Random(SEED);
            int size = organizations.size();
            // Per organisation: popularity (Zipf-like), quality and its yearly drift; per sphere and region an offset.
            double[] weight = new double[size];
            double[] quality = new double[size];
            double[] drift = new double[size];
            double[] sphereOffset = new double[40];
            double[] regionOffset = new double[10];
            for (int i = 0; i < sphereOffset.length; i++) {
                sphereOffset[i] = random.nextGaussian() * 0.2;
            }
            for (int i = 0; i < regionOffset.length; i++) {
                regionOffset[i] = random.nextGaussian() * 0.15;
            }
            double total = 0;
            for (int i = 0; i < size; i++) {
                weight[i] = 1.0 / Math.pow(1 + random.nextInt(size), 0.8);
                total += weight[i];
                Placement o = organizations.get(i);
                // Around the national portal's figures: a mean near 4.5, most questionnaires satisfied.
                quality[i] = 4.6 + sphereOffset[o.sphereId()] + regionOffset[o.regionId()] + random.nextGaussian() * 0.3;
                drift[i] = random.nextGaussian() * 0.12;
            }
            double[] cumulative = new double[size];
            double running = 0;
            for (int i = 0; i < size; i++) {
                running += weight[i] / total;
                cumulative[i] = running;
            }
            LocalDate today = Minsk.today(clock);
            LocalDate start = today.minusYears(5);
            int days = (int) (today.toEpochDay() - start.toEpochDay());
            Set<String> taken = new HashSet<>();
            return Flux.range(0, questionnaires / 2_000).map(chunk -> {
                StringBuilder out = new StringBuilder(2_000 * 160);
                for (int k = 0; k < 2_000; k++) {
                    int index = pick(cumulative, random.nextDouble());
                    long organization = organizations.get(index).id();
                    Citizen citizen = citizens.get(random.nextInt(citizens.size()));
                    // More questionnaires in later years: the portal grows.
                    int day = (int) (days * Math.sqrt(random.nextDouble()));
                    LocalDate date = start.plusDays(day);
                    if (!taken.add(citizen.id() + ":" + organization + ":" + date)) {
                        continue;
                    }
                    double years = day / 365.0;
                    double q = quality[index] + drift[index] * (years - 2.5);
                    StringBuilder scores = new StringBuilder("{");
                    int sum = 0;
                    for (int c = 0; c < CRITERIA.length; c++) {
                        int score = (int) Math.round(q + random.nextGaussian() * 0.55 + (c == 2 ? -0.15 : 0));
                        score = Math.max(1, Math.min(5, score));
                        sum += score;
                        scores.append(c == 0 ? "" : ",").append('"').append(CRITERIA[c]).append("\":").append(score);
                    }
                    scores.append('}');
                    BigDecimal mean = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(5), 6,
                            RoundingMode.HALF_UP);
                    String comment = random.nextInt(5) == 0
                            ? (sum >= 20 ? PRAISE[random.nextInt(PRAISE.length)] : COMPLAINTS[random.nextInt(COMPLAINTS.length)])
                            : null;
                    String service = random.nextInt(3) == 0 ? SERVICES[random.nextInt(SERVICES.length)] : null;
                    String createdAt = date.atTime(8 + random.nextInt(11), random.nextInt(60)).atZone(Minsk.ZONE).toOffsetDateTime().toString();
                    out.append(organization).append('\t').append(citizen.id()).append('\t').append(date).append('\t')
                            .append(scores).append('\t').append(mean.toPlainString()).append('\t').append(text(service)).append('\t')
                            .append(text(comment)).append('\t').append(createdAt).append('\t').append(text(citizen.name()))
                            .append('\n');
                }
                return out.toString();
            });
        });
    }

    private static int pick(double[] cumulative, double x) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < x) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

}

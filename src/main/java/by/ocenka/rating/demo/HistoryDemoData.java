package by.ocenka.rating.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.Placement;
import by.ocenka.platform.DemoDataSet;
import by.ocenka.platform.DemoProperties;
import by.ocenka.platform.Minsk;
import by.ocenka.rating.HistoryImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The old portal's history for the demo: a questionnaire per hundred of the demo's own
 * ({@code ocenka.demo.questionnaires}), from eight to five years back (before the demo's five years), imported as an
 * admin imports one, through {@link HistoryImport}: a CSV with organisations by id and some by UNP. Loaded before the
 * demo's questionnaires (its own rebuild of the aggregates is then over a few thousand rows, not half a million).
 */
@Component
class HistoryDemoData implements DemoDataSet {

    private static final Logger log = LoggerFactory.getLogger(HistoryDemoData.class);
    private static final long SEED = 20190314L;
    private static final String[] COMMENTS = {"Всё хорошо, спасибо.", "Долго ждал в очереди.", "Вежливо и быстро.",
            "Пришлось приходить дважды.", "Понятно объяснили, что нужно."};

    private final HistoryImport history;
    private final Organizations organizations;
    private final DatabaseClient db;
    private final Clock clock;
    private final int rows;

    HistoryDemoData(HistoryImport history, Organizations organizations, DatabaseClient db, Clock clock,
                    DemoProperties properties) {
        this.history = history;
        this.organizations = organizations;
        this.db = db;
        this.clock = clock;
        this.rows = Math.max(10, properties.questionnaires() / 100);
    }

    @Override
    public String name() {
        return "history";
    }

    @Override
    public int order() {
        return 190; // after the catalogue (100) and the citizens (150), before the questionnaires (200)
    }

    @Override
    public Mono<Boolean> isLoaded() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM questionnaire_import) AS found")
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    @Override
    public Mono<Void> load() {
        Mono<List<Long>> active = organizations.placements().map(Placement::id).sort(Comparator.naturalOrder()).collectList();
        Mono<Map<Long, String>> unps = organizations.activeByUnp()
                .map(byUnp -> {
                    Map<Long, String> byId = new HashMap<>();
                    byUnp.forEach((unp, id) -> byId.put(id, unp));
                    return byId;
                });
        return Mono.zip(active, unps)
                .flatMap(t -> history.importCsv(csv(t.getT1(), t.getT2()), Locale.forLanguageTag("ru")))
                .doOnNext(done -> log.info("Demo history of the old portal: {} questionnaires imported, {} refused",
                        done.imported(), done.failed()))
                .then();
    }

    /** The file, generated in chunks of a thousand rows. */
    private Flux<DataBuffer> csv(List<Long> active, Map<Long, String> unps) {
        return Flux.defer(() -> {
            Random random = new Random(SEED);
            LocalDate today = Minsk.today(clock);
            LocalDate start = today.minusYears(8);
            int days = (int) (today.minusYears(5).minusDays(1).toEpochDay() - start.toEpochDay());
            // A tenth of the catalogue, mostly the same organisations the old portal's citizens rated.
            List<Long> rated = new ArrayList<>();
            for (int i = 0; i < Math.max(1, active.size() / 10); i++) {
                rated.add(active.get(random.nextInt(active.size())));
            }
            int chunks = (rows + 999) / 1000;
            return Flux.range(0, chunks).map(chunk -> {
                StringBuilder out = new StringBuilder(chunk == 0
                        ? "external_id,organization_id,unp,date,SIMPLICITY,INFORMATION,TIMELINESS,POLITENESS,OVERALL,service,comment\n" : "");
                for (int n = chunk * 1000; n < Math.min(rows, (chunk + 1) * 1000); n++) {
                    long organization = rated.get(random.nextInt(rated.size()));
                    String unp = unps.get(organization);
                    boolean byUnp = unp != null && random.nextInt(4) == 0;
                    LocalDate date = start.plusDays(random.nextInt(days + 1));
                    double quality = 3.6 + 1.2 * random.nextDouble();
                    out.append("old-").append(100_000 + n).append(',').append(byUnp ? "" : organization).append(',')
                            .append(byUnp ? unp : "").append(',').append(date);
                    for (int c = 0; c < 5; c++) {
                        out.append(',').append(Math.max(1, Math.min(5, (int) Math.round(quality + random.nextGaussian() * 0.6))));
                    }
                    out.append(",,");
                    if (random.nextInt(6) == 0) {
                        out.append('"').append(COMMENTS[random.nextInt(COMMENTS.length)]).append('"');
                    }
                    out.append('\n');
                }
                return DefaultDataBufferFactory.sharedInstance.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
            });
        });
    }
}

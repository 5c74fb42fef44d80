package by.ocenka.rating.demo;

import java.time.Clock;
import java.util.List;

import by.ocenka.account.AccountService;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.DemoDataSet;
import by.ocenka.platform.Minsk;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A held burst for the local mode (docs/FAIRPLAY.md): twelve all-ones questionnaires of the Borisov district committee
 * from one network within the last hour, waiting for the moderators, so the organisation page shows its "held" line and
 * the moderators' queue has a burst to decide.
 */
@Component
class FairPlayDemoData implements DemoDataSet {

    private static final String BORISOV_UNP = "610006092";
    private static final int BURST = 12;

    private final DatabaseClient db;
    private final Organizations organizations;
    private final AccountService accounts;
    private final Clock clock;

    FairPlayDemoData(DatabaseClient db, Organizations organizations, AccountService accounts, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "fair-play";
    }

    @Override
    public int order() {
        return 260; // after the questionnaires (200) and the replies (250)
    }

    @Override
    public Mono<Boolean> isLoaded() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM questionnaire WHERE hold_reason IS NOT NULL) OR NOT EXISTS (SELECT 1 FROM questionnaire) AS found")
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    @Override
    public Mono<Void> load() {
        // Demo citizens (their accounts through the account module) who have not rated the committee today: the daily
        // limit would refuse them otherwise.
        return Mono.zip(organizations.idByUnp(BORISOV_UNP), accounts.demoCitizens()).flatMap(t -> {
            List<Long> ids = t.getT2().keySet().stream().sorted().toList();
            List<String> names = ids.stream().map(t.getT2()::get).toList();
            return db.sql("""
                            INSERT INTO questionnaire (organization_id, user_id, local_date, scores, mean, comment, author_name,
                                                       status, hold_reason, created_at)
                            SELECT :org, c.id, :today,
                                   '{"SIMPLICITY": 1, "INFORMATION": 1, "TIMELINESS": 1, "POLITENESS": 1, "OVERALL": 1}'::jsonb, 1,
                                   CASE WHEN c.n % 3 = 0 THEN 'Ужасно, никому не советую' END, c.name, 'HELD', 'network',
                                   now() - make_interval(mins => (c.n * 4)::int)
                            FROM (SELECT u.id, u.name, row_number() OVER (ORDER BY u.id) AS n
                                  FROM unnest(CAST(:ids AS bigint[]), CAST(:names AS text[])) AS u(id, name)
                                  WHERE u.id NOT IN (SELECT user_id FROM questionnaire WHERE organization_id = :org AND local_date = :today)
                                  ORDER BY u.id LIMIT :burst) c""")
                    .bind("org", t.getT1()).bind("today", Minsk.today(clock)).bind("burst", BURST)
                    .bind("ids", ids.toArray(Long[]::new)).bind("names", names.toArray(String[]::new))
                    .then();
        });
    }
}

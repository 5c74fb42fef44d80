package by.ocenka.account.demo;

import by.ocenka.platform.DemoDataSet;
import by.ocenka.platform.DemoProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The demo citizens ({@code ocenka.demo.citizens}, 100,000): confirmed accounts {@code citizenN@demo.ocenka.by}
 * without a password, named after common Belarusian first names and a surname initial. Later sets (the
 * questionnaires) find them through {@link by.ocenka.account.AccountService#demoCitizens()}.
 */
@Component
class AccountDemoData implements DemoDataSet {

    private final DatabaseClient db;
    private final int citizens;

    AccountDemoData(DatabaseClient db, DemoProperties properties) {
        this.db = db;
        this.citizens = properties.citizens();
    }

    @Override
    public String name() {
        return "citizens";
    }

    @Override
    public int order() {
        return 150; // after the catalogue (100), before the questionnaires (200)
    }

    @Override
    public Mono<Boolean> isLoaded() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM app_user WHERE email LIKE 'citizen%@demo.ocenka.by') AS found")
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    /** The citizens, in one statement. */
    @Override
    public Mono<Void> load() {
        return db.sql("""
                        WITH names AS (SELECT ARRAY['Александр','Мария','Дмитрий','Анна','Сергей','Елена','Андрей','Ольга',
                                                    'Алексей','Татьяна','Иван','Наталья','Павел','Ирина','Михаил','Светлана',
                                                    'Владимир','Юлия','Артём','Екатерина','Николай','Вольга','Янка','Алеся'] AS first,
                                              'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЯ' AS initials),
                        new_users AS (
                            INSERT INTO app_user (email, password_hash, display_name, email_confirmed_at, created_at)
                            SELECT 'citizen' || g || '@demo.ocenka.by', NULL,
                                   names.first[1 + g % array_length(names.first, 1)] || ' ' || substr(names.initials, 1 + (g / 24) % 25, 1) || '.',
                                   now() - interval '5 years', now() - interval '5 years'
                            FROM generate_series(1, :n) g, names
                            RETURNING id)
                        INSERT INTO user_role (user_id, role) SELECT id, 'CITIZEN' FROM new_users""")
                .bind("n", citizens).then();
    }
}

package by.ocenka.cabinet;

import java.math.BigDecimal;
import java.time.Duration;

import by.ocenka.account.AccountService;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.cabinet.internal.Alerts;
import by.ocenka.catalog.CatalogEditor;
import by.ocenka.rating.RatingRecords.QuestionnaireAccepted;
import by.ocenka.support.ModuleTestData;
import by.ocenka.support.ScenarioTransactions;
import by.ocenka.support.TestData;
import by.ocenka.support.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cabinet with the modules it reads (rating, catalogue, accounts, moderation, platform, the page layer): the rating
 * feature's {@code QuestionnaireAccepted} reaches the alert of a body above the organisation rated, as a mail. The
 * moderators' desk, which the cabinet asks to review a questionnaire, brings its pages, and they show the polls.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "survey")
@Import(ScenarioTransactions.class)
class CabinetModuleTest {

    static {
        TestServers.configure();
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    Alerts alerts;
    @Autowired
    CatalogEditor catalog;
    @Autowired
    AccountService accounts;
    @Autowired
    DatabaseClient db;
    @Autowired
    ReactiveRedisConnectionFactory redis;

    private long body;
    private long unit;

    @BeforeEach
    void aBodyWithAUnit() {
        TestData.clean(db, redis).block(WAIT);
        ModuleTestData place = ModuleTestData.of(db);
        body = catalog.createOrganization(place.organization("Районный исполнительный комитет", null, null)).block(WAIT);
        unit = catalog.createOrganization(place.organization("Служба «одно окно»", body, null)).block(WAIT);
    }

    private long mailsTo(String email) {
        return db.sql("SELECT count(*) AS n FROM mail_outbox WHERE recipient = :to").bind("to", email)
                .map(row -> row.get("n", Long.class)).one().block(WAIT);
    }

    @Test
    void aLowScoreBelowABodyIsMailedToTheStaffWhoAskedForIt(Scenario scenario) {
        CurrentUser admin = accounts.create("alerts@body.test", "pw-alerts-secret", "Дежурный", true, Role.ORG_ADMIN, body)
                .block(WAIT);
        alerts.set(admin, new Alerts.Setting(BigDecimal.valueOf(2), "off")).block(WAIT);

        scenario.publish(new QuestionnaireAccepted(77, unit, 1.2, "Грубо ответили"))
                .andWaitForStateChange(() -> mailsTo("alerts@body.test"), count -> count > 0)
                .andVerify(count -> assertThat(count).isEqualTo(1));
        assertThat(db.sql("SELECT body FROM mail_outbox WHERE recipient = 'alerts@body.test'")
                .map(row -> row.get("body", String.class)).one().block(WAIT))
                .contains("Грубо ответили").contains("1.20").contains("/cabinet/" + unit + "#q77");
    }
}

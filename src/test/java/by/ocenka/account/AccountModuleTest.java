package by.ocenka.account;

import java.time.Duration;

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

import static by.ocenka.support.ModuleTestData.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts with the modules they use (the catalogue for certificates, the platform, the page layer): credentials
 * answer alike for a wrong password and an unknown address, and a new name is announced for the reviews it signs.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@Import(ScenarioTransactions.class)
class AccountModuleTest {

    static {
        TestServers.configure();
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    AccountService accounts;
    @Autowired
    DatabaseClient db;
    @Autowired
    ReactiveRedisConnectionFactory redis;

    @BeforeEach
    void clean() {
        TestData.clean(db, redis).block(WAIT);
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressAnswerAlike() {
        accounts.create("Anna@Module.Test", "pw-module-secret", "Анна", true, Role.CITIZEN, null).block(WAIT);
        assertThat(accounts.authenticate("anna@module.test", "pw-module-secret").block(WAIT).displayName()).isEqualTo("Анна");
        assertThat(problem(() -> accounts.authenticate("anna@module.test", "wrong-password").block(WAIT)))
                .isEqualTo(problem(() -> accounts.authenticate("nobody@module.test", "wrong-password").block(WAIT)))
                .isEqualTo("401 bad-credentials");
    }

    @Test
    void aNewNameIsAnnouncedWithTheSignatureReviewsCarry(Scenario scenario) {
        CurrentUser anna = accounts.create("anna@module.test", "pw-module-secret", "Анна", true, Role.CITIZEN, null).block(WAIT);
        scenario.stimulate(() -> accounts.rename(anna.id(), "  Анна Петровна ").block(WAIT))
                .andWaitForEventOfType(AccountEvents.Renamed.class)
                .matching(renamed -> renamed.userId() == anna.id())
                .toArriveAndVerify((renamed, user) -> {
                    assertThat(user.displayName()).isEqualTo("Анна Петровна");
                    assertThat(renamed.signature()).isEqualTo(user.signature());
                });
    }
}

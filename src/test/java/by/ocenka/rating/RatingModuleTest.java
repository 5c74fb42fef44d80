package by.ocenka.rating;

import java.time.Duration;
import java.util.Map;

import by.ocenka.account.AccountService;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.catalog.CatalogEditor;
import by.ocenka.platform.ApiException;
import by.ocenka.rating.RatingRecords.FiguresChanged;
import by.ocenka.rating.RatingRecords.QuestionnaireAccepted;
import by.ocenka.rating.RatingRecords.RatingRequest;
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
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rating module with the modules it uses (catalogue, accounts, platform, the page layer) and without the cabinet,
 * moderation or polls: a questionnaire is validated, counted once a day, written, and announced by the two events
 * other modules build on.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@Import(ScenarioTransactions.class)
class RatingModuleTest {

    static {
        TestServers.configure();
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, Integer> SCORES = Map.of("SIMPLICITY", 5, "INFORMATION", 4, "TIMELINESS", 5,
            "POLITENESS", 5, "OVERALL", 4);

    @Autowired
    RatingSubmission submission;

    @Autowired
    CatalogEditor catalog;

    @Autowired
    AccountService accounts;

    @Autowired
    DatabaseClient db;

    @Autowired
    ReactiveRedisConnectionFactory redis;

    private long organization;
    private CurrentUser citizen;

    @BeforeEach
    void anOrganisationAndACitizen() {
        TestData.clean(db, redis).block(WAIT);
        organization = catalog.createOrganization(ModuleTestData.of(db).organization("Почтовое отделение №1", null, null))
                .block(WAIT);
        citizen = accounts.create("citizen@module.test", "pw-module-secret", "Гражданин", true, Role.CITIZEN, null).block(WAIT);
    }

    @Test
    void anAcceptedQuestionnaireIsAnnouncedOnceWithItsMean(Scenario scenario) {
        scenario.stimulate(() -> submission.submit(citizen, organization, new RatingRequest(SCORES, null, null, "Быстро"),
                        "192.0.2.10").block(WAIT))
                .andWaitForEventOfType(QuestionnaireAccepted.class)
                .matching(event -> event.organizationId() == organization)
                .toArriveAndVerify((event, accepted) -> {
                    assertThat(event.questionnaireId()).isEqualTo(accepted.id());
                    assertThat(event.mean()).isEqualTo(4.6);
                    assertThat(event.comment()).isEqualTo("Быстро");
                    assertThat(accepted.organization().ratingsCount()).isEqualTo(1);
                    assertThat(accepted.organization().score()).isEqualTo(4.6);
                });
        assertThat(db.sql("SELECT count(*) AS n FROM questionnaire WHERE organization_id = :id").bind("id", organization)
                .map(row -> row.get("n", Long.class)).one().block(WAIT)).as("the row is written").isEqualTo(1);
    }

    @Test
    void theSecondOfTheDayIsRefusedAndChangesNothing(PublishedEvents events) {
        submission.submit(citizen, organization, new RatingRequest(SCORES, null, null, null), "192.0.2.10").block(WAIT);
        assertThat(events.ofType(FiguresChanged.class).matching(e -> e.organizationId() == organization)).hasSize(1);

        assertThatThrownBy(() -> submission.submit(citizen, organization, new RatingRequest(SCORES, null, null, null),
                "192.0.2.10").block(WAIT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.is(RatingProblem.DAILY_LIMIT)).isTrue());
        assertThat(events.ofType(QuestionnaireAccepted.class)).hasSize(1);
        assertThat(events.ofType(FiguresChanged.class)).hasSize(1);
    }

    @Test
    void anInvalidQuestionnaireNamesEachFieldAndIsNotCounted() {
        assertThatThrownBy(() -> submission.submit(citizen, organization, new RatingRequest(Map.of("OVERALL", 9), null,
                null, null), "192.0.2.10").block(WAIT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors()).extracting(p -> p.field())
                        .contains("scores.OVERALL", "scores.POLITENESS"));
        assertThat(submission.ratedToday(citizen.id(), organization).block(WAIT)).isFalse();
    }
}

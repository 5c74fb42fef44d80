package by.ocenka.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import by.ocenka.platform.ApiException;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalogue on its own (with the platform and the page layer under it): an organisation is checked against the
 * reference data before it is added, announced once added, found by what citizens call it, and placed in its tree.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@Import(ScenarioTransactions.class)
class CatalogModuleTest {

    static {
        TestServers.configure();
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    CatalogEditor editor;
    @Autowired
    CatalogService catalog;
    @Autowired
    Organizations organizations;
    @Autowired
    DatabaseClient db;
    @Autowired
    ReactiveRedisConnectionFactory redis;

    private ModuleTestData place;

    @BeforeEach
    void clean() {
        TestData.clean(db, redis).block(WAIT);
        place = ModuleTestData.of(db);
    }

    @Test
    void anAddedOrganisationIsAnnouncedFoundByItsCommonNameAndPlacedInItsTree(Scenario scenario) {
        long committee = editor.createOrganization(place.organization("Борисовский районный исполнительный комитет", null,
                null)).block(WAIT);
        scenario.stimulate(() -> editor.createOrganization(place.organization("Служба «одно окно» Борисовского райисполкома",
                        committee, null)).block(WAIT))
                .andWaitForEventOfType(OrganizationsAdded.class)
                .matching(added -> !added.organizationIds().contains(committee))
                .toArriveAndVerify((added, id) -> assertThat(added.organizationIds()).containsExactly(id));

        var found = catalog.search(OrganizationQuery.of("райисполком борисов", null, null, null, null, null, null, null, null),
                Locale.forLanguageTag("ru")).block(WAIT);
        assertThat(found.items()).extracting(o -> o.id()).contains(committee);
        long window = found.items().stream().filter(o -> o.id() != committee).findFirst().orElseThrow().id();
        assertThat(organizations.ancestors(window).block(WAIT)).containsExactly(window, committee);
        assertThat(organizations.descendants(committee, 100).block(WAIT)).contains(committee, window);
    }

    @Test
    void anOrganisationThatDoesNotFitTheReferenceDataIsRefusedFieldByField() {
        assertThatThrownBy(() -> editor.createOrganization(place.organization("Почта", 987_654L, "12345678")).block(WAIT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors()).extracting(p -> p.field())
                        .contains("parentId", "unp"));
        assertThat(catalog.search(OrganizationQuery.of("почта", null, null, null, null, null, null, null, null),
                Locale.forLanguageTag("ru")).block(WAIT).total()).isZero();
    }
}

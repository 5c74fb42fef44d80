package by.ocenka.moderation;

import java.time.Duration;
import java.util.List;

import by.ocenka.account.AccountService;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.OrganizationsAdded;
import by.ocenka.moderation.OrganizationRequests.Approval;
import by.ocenka.moderation.OrganizationRequests.Status;
import by.ocenka.moderation.OrganizationRequests.Submission;
import by.ocenka.moderation.OrganizationRequests.View;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.PageRequest;
import by.ocenka.support.ModuleTestData;
import by.ocenka.support.TestData;
import by.ocenka.support.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Moderation with the modules it decides over: a citizen's request for a missing organisation, approved with the
 * moderator's corrections, becomes an organisation of the catalogue in the same step, once.
 */
// All its dependencies: the rating module it reaches holds demo data that needs accounts.
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class ModerationModuleTest {

    static {
        TestServers.configure();
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    ModerationService moderation;
    @Autowired
    Organizations organizations;
    @Autowired
    AccountService accounts;
    @Autowired
    DatabaseClient db;
    @Autowired
    ReactiveRedisConnectionFactory redis;

    private ModuleTestData place;
    private CurrentUser citizen;
    private CurrentUser moderator;

    @BeforeEach
    void people() {
        TestData.clean(db, redis).block(WAIT);
        place = ModuleTestData.of(db);
        citizen = accounts.create("citizen@module.test", "pw-module-secret", "Гражданин", true, Role.CITIZEN, null).block(WAIT);
        moderator = accounts.create("moderator@module.test", "pw-module-secret", "Модератор", true, Role.MODERATOR, null)
                .block(WAIT);
    }

    @Test
    void anApprovedRequestBecomesAnOrganisationOnce(PublishedEvents events) {
        View asked = moderation.submit(citizen.id(), new Submission("Библиотека в д. Малые Озёра", "д. Малые Озёра, 3",
                place.sphere(), null, "Её нет в каталоге")).block(WAIT);
        assertThat(asked.status()).isEqualTo(Status.PENDING);

        View approved = moderation.approve(asked.id(), moderator.id(), new Approval("Сельская библиотека д. Малые Озёра",
                null, null, null, place.category(), place.district(), null, null, null, null, null, null, null)).block(WAIT);
        assertThat(approved.status()).isEqualTo(Status.APPROVED);
        assertThat(approved.organizationId()).isNotNull();
        assertThat(organizations.names(List.of(approved.organizationId())).block(WAIT))
                .containsEntry(approved.organizationId(), "Сельская библиотека д. Малые Озёра");
        assertThat(events.ofType(OrganizationsAdded.class)).hasSize(1);

        assertThatThrownBy(() -> moderation.approve(asked.id(), moderator.id(), new Approval(null, null, null, null,
                place.category(), place.district(), null, null, null, null, null, null, null)).block(WAIT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(409));
        assertThat(moderation.mine(citizen.id(), PageRequest.of(null, 20)).block(WAIT).items())
                .singleElement().satisfies(mine -> assertThat(mine.organizationId()).isEqualTo(approved.organizationId()));
    }

    @Test
    void aRequestWithABadUnpOrAnUnknownSphereIsRefused() {
        assertThatThrownBy(() -> moderation.submit(citizen.id(), new Submission("Почта", "ул. Ленина, 1", place.sphere(),
                "12345678", null)).block(WAIT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors().get(0).field()).isEqualTo("unp"));
        assertThatThrownBy(() -> moderation.submit(citizen.id(), new Submission("Почта", "ул. Ленина, 1", 9999, null, null))
                .block(WAIT))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors().get(0).field()).isEqualTo("sphereId"));
        assertThat(moderation.mine(citizen.id(), PageRequest.of(null, 20)).block(WAIT).total()).isZero();
    }
}

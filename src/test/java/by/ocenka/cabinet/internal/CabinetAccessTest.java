package by.ocenka.cabinet.internal;

import java.util.List;
import java.util.Set;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whose cabinet reaches where, on a tree of ministry 1 → region 2 → district 3 (ancestors listed nearest first). */
class CabinetAccessTest {

    private static final List<Long> DISTRICT = List.of(3L, 2L, 1L);
    private static final List<Long> REGION = List.of(2L, 1L);

    private static CurrentUser user(Set<Role> roles, Set<Long> adminOf, Set<Long> responderOf) {
        return new CurrentUser(9, "u@example.by", "U", roles, true, adminOf, responderOf);
    }

    @Test
    void anAdminOfABodyManagesEverythingBelowItAndNothingAbove() {
        CurrentUser regionAdmin = user(Set.of(Role.ORG_ADMIN), Set.of(2L), Set.of());
        assertThat(CabinetAccess.covers(regionAdmin, DISTRICT, Need.MANAGE)).isTrue();
        assertThat(CabinetAccess.covers(regionAdmin, REGION, Need.READ)).isTrue();
        assertThat(CabinetAccess.covers(regionAdmin, List.of(1L), Need.READ)).as("the ministry above").isFalse();
        assertThat(CabinetAccess.covers(regionAdmin, List.of(4L, 1L), Need.READ)).as("a sibling branch").isFalse();
    }

    @Test
    void aResponderReadsAndRepliesButNeverManages() {
        CurrentUser responder = user(Set.of(Role.ORG_RESPONDER), Set.of(), Set.of(2L));
        assertThat(CabinetAccess.covers(responder, DISTRICT, Need.READ)).isTrue();
        assertThat(CabinetAccess.covers(responder, DISTRICT, Need.MANAGE)).isFalse();
    }

    @Test
    void thePortalsAdminReachesEveryOrganisationAndACitizenNone() {
        assertThat(CabinetAccess.covers(user(Set.of(Role.ADMIN), Set.of(), Set.of()), DISTRICT, Need.MANAGE)).isTrue();
        assertThat(CabinetAccess.covers(user(Set.of(Role.CITIZEN), Set.of(), Set.of()), DISTRICT, Need.READ)).isFalse();
    }

    @Test
    void aScopeSaysWhetherItsHolderAlsoManages() {
        CurrentUser both = user(Set.of(Role.ORG_ADMIN, Role.ORG_RESPONDER), Set.of(3L), Set.of(2L));
        assertThat(new CabinetAccess.Scope(both, 3, "District", DISTRICT, Need.READ).manages()).isTrue();
        assertThat(new CabinetAccess.Scope(both, 2, "Region", REGION, Need.READ).manages()).isFalse();
    }
}

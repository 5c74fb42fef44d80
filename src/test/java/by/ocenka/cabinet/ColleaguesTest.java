package by.ocenka.cabinet;

import java.util.List;
import java.util.Map;

import by.ocenka.account.AccountRequests.StaffMember;
import by.ocenka.account.Role;
import by.ocenka.cabinet.internal.Colleagues.Added;
import by.ocenka.platform.AuditLog;
import org.springframework.core.ParameterizedTypeReference;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin adds colleagues to its subtree and removes them, never itself, and the audit says so. */
class ColleaguesTest extends CabinetTesting {

    @Test
    void anAdminAddsAndRemovesColleaguesForItsSubtree() {
        Subtrees tree = tree();
        long body = tree.body();
        long unit = tree.unit();
        Staff admin = staff(Role.ORG_ADMIN, body);
        Map<String, Object> colleague = Map.of("email", "desk@unit.test", "displayName", "Дежурный администратор", "role", "ORG_RESPONDER");

        staff(Role.ORG_RESPONDER, body).client().post().uri("/api/v1/cabinet/organizations/" + unit + "/staff")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(colleague).exchange().expectStatus().isForbidden();
        admin.client().post().uri("/api/v1/cabinet/organizations/" + unit + "/staff")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", "x@unit.test", "displayName", "Икс", "role", "ADMIN"))
                .exchange().expectStatus().isBadRequest();
        Added invited = admin.client().post().uri("/api/v1/cabinet/organizations/" + unit + "/staff")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(colleague).exchange().expectStatus().isAccepted()
                .expectBody(Added.class).returnResult().getResponseBody();
        assertThat(invited.status()).isEqualTo("invited");
        assertThat(invited.email()).isEqualTo("desk@unit.test");
        assertThat(mailsTo("desk@unit.test")).anySatisfy(mail -> assertThat(mail.text()).contains("/password-reset?token="));
        StaffMember added = staffOf(admin, body).stream().filter(m -> m.email().equals("desk@unit.test")).findFirst().orElseThrow();
        assertThat(added.role()).isEqualTo("ORG_RESPONDER");
        assertThat(added.organizationId()).isEqualTo(unit);

        StaffMember self = staffOf(admin, body).stream()
                .filter(m -> m.organizationId() == body && m.role().equals("ORG_ADMIN")).findFirst().orElseThrow();
        admin.client().delete().uri("/api/v1/cabinet/organizations/" + body + "/staff/" + self.userId() + "?role=ORG_ADMIN").exchange()
                .expectStatus().isEqualTo(409);
        admin.client().delete().uri("/api/v1/cabinet/organizations/" + unit + "/staff/" + added.userId() + "?role=ORG_RESPONDER")
                .exchange().expectStatus().isNoContent();
        admin.client().delete().uri("/api/v1/cabinet/organizations/" + unit + "/staff/" + added.userId() + "?role=ORG_RESPONDER")
                .exchange().expectStatus().isNotFound();
        assertThat(staffOf(admin, body)).noneMatch(m -> m.userId() == added.userId());
        assertThat(audit(admin, body)).extracting(AuditLog.Entry::action).startsWith("staff.remove", "staff.add");
    }

    private static List<StaffMember> staffOf(Staff admin, long organization) {
        return admin.client().get().uri("/api/v1/cabinet/organizations/" + organization + "/staff").exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<List<StaffMember>>() { })
                .returnResult().getResponseBody();
    }
}

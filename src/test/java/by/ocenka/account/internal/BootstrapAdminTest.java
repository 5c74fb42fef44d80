package by.ocenka.account.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The local mode's first admin gets a generated password, printed once, and no published one works. */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapAdminTest extends IntegrationTest {

    @Autowired
    BootstrapAdmin bootstrap;

    @Test
    void theFirstAdminsPasswordIsGeneratedAndPrintedOnce(CapturedOutput output) {
        bootstrap.run(null);
        Matcher printed = Pattern.compile("admin@ocenka\\.local \\(local run mode\\) with the password (\\S+) ").matcher(output.getOut());
        assertThat(printed.find()).isTrue();
        String password = printed.group(1);
        assertThat(password).hasSize(20).isNotEqualTo("ocenka-admin-local");
        loggedIn("admin@ocenka.local", password).get().uri("/api/v1/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.roles[0]").isEqualTo("ADMIN");
        withCsrf().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "admin@ocenka.local", "password", "ocenka-admin-local"))
                .exchange().expectStatus().isUnauthorized();

        // The next start finds the admin: nothing created, nothing printed.
        int before = output.getOut().length();
        bootstrap.run(null);
        assertThat(output.getOut().substring(before)).doesNotContain("with the password");
        assertThat(db.sql("SELECT count(*) FROM user_role WHERE role = 'ADMIN'").map(r -> r.get(0, Long.class)).one().block())
                .isEqualTo(1);
    }
}

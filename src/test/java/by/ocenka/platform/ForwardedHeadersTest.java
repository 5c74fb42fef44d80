package by.ocenka.platform;

import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.SecondInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS-terminating proxy: from a trusted proxy the forwarded scheme makes the cookies {@code Secure} and brings
 * HSTS; from anyone else the same headers change nothing.
 */
class ForwardedHeadersTest extends IntegrationTest {

    @Autowired
    Environment environment;

    private record Answer(ResponseCookie session, ResponseCookie csrf, String hsts) {
    }

    private Answer loginOver(WebTestClient client, String forwardedProto) {
        String email = "proxy" + System.nanoTime() + "@example.by";
        accounts.create(email, "Vitebsk-bazaar-2026", "Прокси", true, Role.CITIZEN, null).block();
        EntityExchangeResult<byte[]> csrf = client.get().uri("/api/v1/auth/csrf").header("X-Forwarded-Proto", forwardedProto)
                .exchange().expectStatus().isOk().expectBody().returnResult();
        String token = csrf.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        EntityExchangeResult<byte[]> login = client.post().uri("/api/v1/auth/login").header("X-Forwarded-Proto", forwardedProto)
                .header("X-Forwarded-For", "198.51.100.23").cookie("XSRF-TOKEN", token).header("X-XSRF-TOKEN", token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", email, "password", "Vitebsk-bazaar-2026"))
                .exchange().expectStatus().isOk().expectBody().returnResult();
        return new Answer(login.getResponseCookies().getFirst("SESSION"), csrf.getResponseCookies().getFirst("XSRF-TOKEN"),
                login.getResponseHeaders().getFirst("Strict-Transport-Security"));
    }

    @Test
    void fromATrustedProxyTheForwardedSchemeMakesCookiesSecureAndSendsHsts() {
        Answer https = loginOver(web, "https");
        assertThat(https.session().isSecure()).isTrue();
        assertThat(https.csrf().isSecure()).isTrue();
        assertThat(https.hsts()).startsWith("max-age=");
        Answer http = loginOver(web, "http");
        assertThat(http.session().isSecure()).isFalse();
        assertThat(http.hsts()).isNull();
    }

    @Test
    void fromAnyoneElseTheForwardedHeadersChangeNothing() {
        try (SecondInstance untrusted = new SecondInstance(environment, "http", "--ocenka.security.trusted-proxies=")) {
            Answer claimed = loginOver(untrusted.web, "https");
            assertThat(claimed.session().isSecure()).isFalse();
            assertThat(claimed.csrf().isSecure()).isFalse();
            assertThat(claimed.hsts()).isNull();
        }
    }
}

package by.ocenka.cabinet;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.SecondInstance;
import by.ocenka.support.Subtrees;
import by.ocenka.support.TestCertificates.Issued;
import by.ocenka.support.TestCertificates;
import by.ocenka.support.TestClients;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organisation staff logging in with a digital-signature certificate: forwarded by a trusted proxy or presented in
 * the TLS handshake; the UNP in the certificate or its registration by an admin decides which cabinet it opens.
 */
class CertificateLoginTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;
    @Autowired
    Environment environment;

    /** A body with a unit below it and an organisation outside it; the body has a UNP. */
    record Tree(long body, long unit, long outside, String unp) {
    }

    private Tree tree() {
        Subtrees tree = Subtrees.load(demo, db);
        String unp = "7" + String.format("%08d", tree.body() % 100_000_000);
        db.sql("UPDATE organization SET unp = NULL WHERE unp = :unp").bind("unp", unp).then().block();
        db.sql("UPDATE organization SET unp = :unp WHERE id = :id").bind("unp", unp).bind("id", tree.body()).then().block();
        return new Tree(tree.body(), tree.unit(), tree.outside(), unp);
    }

    private WebTestClient.ResponseSpec logIn(WebTestClient client, Issued certificate) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/auth/certificate");
        if (certificate != null) {
            request.header("X-Client-Cert", certificate.escapedPem());
        }
        return request.exchange();
    }

    private static WebTestClient session(WebTestClient csrf, WebTestClient.ResponseSpec login) {
        String session = login.expectStatus().isOk().expectBody().returnResult().getResponseCookies().getFirst("SESSION").getValue();
        return csrf.mutate().defaultCookie("SESSION", session).build();
    }

    @Test
    void aCertificateNamingABodysUnpOpensThatBodysCabinetAndNothingElse() {
        Tree tree = tree();
        Issued certificate = TestCertificates.client("EC", "Иван Петров", "head@body.example.by", tree.unp());
        WebTestClient csrf = withCsrf();

        WebTestClient head = session(csrf, logIn(csrf, certificate));
        head.get().uri("/api/v1/me").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.displayName").isEqualTo("Иван Петров")
                .jsonPath("$.email").isEqualTo("head@body.example.by")
                .jsonPath("$.roles[0]").isEqualTo("ORG_ADMIN");
        head.get().uri("/api/v1/cabinet/organizations").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].id").isEqualTo(tree.body());
        head.get().uri("/api/v1/cabinet/organizations/{id}/questionnaires", tree.unit()).exchange().expectStatus().isOk();
        head.get().uri("/api/v1/cabinet/organizations/{id}/questionnaires", tree.outside()).exchange()
                .expectStatus().isForbidden();

        // The second login is the same account (registered on the first), and both are in the audit trail.
        WebTestClient again = session(csrf, logIn(withCsrf(), certificate));
        again.get().uri("/api/v1/me").exchange().expectStatus().isOk().expectBody().jsonPath("$.displayName").isEqualTo("Иван Петров");
        Map<String, Object> stored = db.sql("SELECT count(*) AS n, min(user_id) AS user_id FROM account_certificate").fetch().one().block();
        assertThat(((Number) stored.get("n")).intValue()).isEqualTo(1);
        long userId = ((Number) stored.get("user_id")).longValue();
        assertThat(db.sql("SELECT count(*) FROM audit_event WHERE action = 'certificate.login' AND actor_id = :id")
                .bind("id", userId).map(r -> r.get(0, Long.class)).one().block()).isEqualTo(2);

        // From the login page's button: into the cabinet.
        assertThat(web.get().uri("/login").exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).contains("/login/certificate");
        csrf.post().uri("/login/certificate").header("X-Client-Cert", certificate.escapedPem())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).exchange()
                .expectStatus().isSeeOther().expectHeader().location("/cabinet");
    }

    @Test
    void anAdminRegistersAColleaguesCertificateWhichThenLogsInAsTheColleagueUntilTakenBack() {
        Tree tree = tree();
        WebTestClient admin = loggedInAs(Role.ORG_ADMIN, tree.body());
        Issued certificate = TestCertificates.client("RSA", "Anna Responder", null, null);
        WebTestClient csrf = withCsrf();
        logIn(csrf, certificate).expectStatus().isUnauthorized().expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/certificate-unknown");

        String fingerprint = admin.post().uri("/api/v1/cabinet/organizations/{id}/certificates", tree.unit())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "anna@unit.example.by", "displayName", "Anna Responder",
                        "role", "ORG_RESPONDER", "certificate", certificate.pem()))
                .exchange().expectStatus().isCreated().expectBody()
                .jsonPath("$.email").isEqualTo("anna@unit.example.by")
                .jsonPath("$.fingerprint").value(f -> assertThat((String) f).hasSize(64))
                .returnResult().getResponseBody() == null ? null
                : db.sql("SELECT fingerprint FROM account_certificate").map(r -> r.get(0, String.class)).one().block();
        admin.get().uri("/api/v1/cabinet/organizations/{id}/certificates", tree.body()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].fingerprint").isEqualTo(fingerprint)
                .jsonPath("$[0].subject").value(s -> assertThat((String) s).contains("Anna Responder"));

        WebTestClient anna = session(csrf, logIn(csrf, certificate));
        anna.get().uri("/api/v1/me").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.email").isEqualTo("anna@unit.example.by").jsonPath("$.roles[0]").isEqualTo("ORG_RESPONDER");
        anna.get().uri("/api/v1/cabinet/organizations/{id}/questionnaires", tree.unit()).exchange().expectStatus().isOk();
        anna.get().uri("/api/v1/cabinet/organizations/{id}/questionnaires", tree.body()).exchange().expectStatus().isForbidden();

        admin.delete().uri("/api/v1/cabinet/organizations/{id}/certificates/{fp}", tree.body(), fingerprint)
                .exchange().expectStatus().isNoContent();
        logIn(withCsrf(), certificate).expectStatus().isUnauthorized();
        assertThat(db.sql("SELECT action FROM audit_event WHERE action LIKE 'certificate.%' ORDER BY id")
                .map(r -> r.get(0, String.class)).all().collectList().block())
                .containsExactly("certificate.add", "certificate.login", "certificate.remove");
    }

    @Test
    void untrustedExpiredMissingOrMalformedCertificatesAreRefusedAndChangeNothing() {
        Tree tree = tree();
        WebTestClient csrf = withCsrf();
        logIn(csrf, null).expectStatus().isUnauthorized().expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/certificate-required");
        logIn(csrf, TestCertificates.stranger("Mallory", tree.unp())).expectStatus().isUnauthorized().expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/certificate-untrusted");
        // The authority's own certificate is public: it is no client's.
        logIn(csrf, TestCertificates.authority()).expectStatus().isUnauthorized().expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/certificate-untrusted");
        Issued expired = TestCertificates.client("EC", "Old Key", null, tree.unp(),
                Instant.now().minus(Duration.ofDays(3)), Duration.ofDays(1));
        logIn(csrf, expired).expectStatus().isUnauthorized().expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/certificate-untrusted");
        logIn(csrf, TestCertificates.client("EC", "Nobody", null, "100000000")).expectStatus().isUnauthorized();
        csrf.post().uri("/api/v1/auth/certificate").header("X-Client-Cert", "not a certificate").exchange()
                .expectStatus().isUnauthorized();

        WebTestClient admin = loggedInAs(Role.ORG_ADMIN, tree.body());
        admin.post().uri("/api/v1/cabinet/organizations/{id}/certificates", tree.unit()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "x@unit.example.by", "displayName", "X X", "role", "ORG_ADMIN", "certificate", "junk!"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("certificate");
        admin.post().uri("/api/v1/cabinet/organizations/{id}/certificates", tree.outside()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "y@unit.example.by", "displayName", "Y Y", "role", "ORG_ADMIN",
                        "certificate", TestCertificates.client("EC", "Y", null, null).pem()))
                .exchange().expectStatus().isForbidden();
        // The login page says why, in words.
        assertThat(csrf.post().uri("/login/certificate").contentType(MediaType.APPLICATION_FORM_URLENCODED).exchange()
                .expectStatus().isSeeOther().expectBody().returnResult().getResponseHeaders().getLocation())
                .hasToString("/login?certificate=certificate-required");

        assertThat(db.sql("SELECT count(*) FROM account_certificate").map(r -> r.get(0, Long.class)).one().block()).isZero();
        assertThat(db.sql("SELECT count(*) FROM app_user WHERE email LIKE '%@unit.example.by' OR email LIKE '%certificate.invalid'")
                .map(r -> r.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void mutualTlsOnThePortalsOwnHttpsPortLogsInAndAForwardedHeaderFromAnUntrustedPeerDoesNot() throws Exception {
        Tree tree = tree();
        Issued server = TestCertificates.server();
        Issued client = TestCertificates.client("RSA", "Пётр Сидоров", null, tree.unp());
        try (SecondInstance https = new SecondInstance(environment, "https",
                "--server.ssl.certificate=file:" + TestCertificates.write("server", server.pem()),
                "--server.ssl.certificate-private-key=file:" + TestCertificates.write("server-key", server.keyPem()),
                "--server.ssl.trust-certificate=file:" + TestCertificates.authorityFile(),
                "--server.ssl.client-auth=want",
                "--ocenka.security.trusted-proxies=")) {
            HttpClient tls = TestClients.http().secure(spec -> spec.sslContext(Http11SslContextSpec.forClient()
                    .configure(ssl -> ssl.keyManager(client.key(), client.certificate())
                            .trustManager(InsecureTrustManagerFactory.INSTANCE))));
            WebTestClient withKey = WebTestClient.bindToServer(new ReactorClientHttpConnector(tls))
                    .baseUrl("https://localhost:" + https.port).responseTimeout(Duration.ofSeconds(30)).build();
            WebTestClient csrf = csrfOf(withKey);
            WebTestClient signedIn = session(csrf, csrf.post().uri("/api/v1/auth/certificate").exchange());
            signedIn.get().uri("/api/v1/cabinet/organizations").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$[0].id").isEqualTo(tree.body());

            // Without a key, the same HTTPS port: the header is not believed from a peer that is no trusted proxy.
            HttpClient plain = TestClients.http().secure(spec -> spec.sslContext(Http11SslContextSpec.forClient()
                    .configure(ssl -> ssl.trustManager(InsecureTrustManagerFactory.INSTANCE))));
            WebTestClient keyless = csrfOf(WebTestClient.bindToServer(new ReactorClientHttpConnector(plain))
                    .baseUrl("https://localhost:" + https.port).responseTimeout(Duration.ofSeconds(30)).build());
            keyless.post().uri("/api/v1/auth/certificate").header("X-Client-Cert", client.escapedPem()).exchange()
                    .expectStatus().isUnauthorized().expectBody()
                    .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/certificate-required");
        }
    }

    private static WebTestClient csrfOf(WebTestClient client) {
        String token = client.get().uri("/api/v1/auth/csrf").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        return client.mutate().defaultCookie("XSRF-TOKEN", token).defaultHeader("X-XSRF-TOKEN", token).build();
    }
}

package by.ocenka.cabinet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.SecondInstance;
import by.ocenka.support.Subtrees;
import by.ocenka.support.TestCertificates;
import by.ocenka.support.TestCertificates.Issued;
import by.ocenka.support.TestClients;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
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
                // A responder by default (reads and answers), not the admin of the organisation.
                .jsonPath("$.roles[0]").isEqualTo("ORG_RESPONDER");
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

    /**
     * A colleague links their own certificate, signed in and presenting it; it then logs in as them until an admin of
     * the subtree takes it back. An admin can no longer attach a certificate (or a role) to somebody else's account.
     */
    @Test
    void aColleagueLinksTheirOwnCertificateWhichThenLogsInAsThemUntilTakenBack() {
        Tree tree = tree();
        WebTestClient admin = loggedInAs(Role.ORG_ADMIN, tree.body());
        Issued certificate = TestCertificates.client("RSA", "Anna Responder", null, null);
        logIn(withCsrf(), certificate).expectStatus().isUnauthorized().expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/certificate-unknown");
        // (What attached a certificate to any account by its address is gone: RouteAccessTest fails should it be served.)

        accounts.create("anna@unit.example.by", "anna's own password", "Anna Responder", true, Role.ORG_RESPONDER,
                tree.unit()).block(Duration.ofSeconds(30));
        WebTestClient anna = loggedIn("anna@unit.example.by", "anna's own password");
        anna.post().uri("/api/v1/me/certificates").exchange().expectStatus().isBadRequest();
        String fingerprint = anna.post().uri("/api/v1/me/certificates").header("X-Client-Cert", certificate.escapedPem())
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("fingerprint").toString();
        assertThat(fingerprint).hasSize(64);
        anna.get().uri("/api/v1/me/certificates").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[0].fingerprint").isEqualTo(fingerprint);
        admin.get().uri("/api/v1/cabinet/organizations/{id}/certificates", tree.body()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].fingerprint").isEqualTo(fingerprint)
                .jsonPath("$[0].subject").value(s -> assertThat((String) s).contains("Anna Responder"));
        // Nobody else can link it to themselves.
        loggedInAs(Role.ORG_RESPONDER, tree.unit()).post().uri("/api/v1/me/certificates")
                .header("X-Client-Cert", certificate.escapedPem()).exchange().expectStatus().isEqualTo(409);

        WebTestClient csrf = withCsrf();
        WebTestClient byCertificate = session(csrf, logIn(csrf, certificate));
        byCertificate.get().uri("/api/v1/me").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.email").isEqualTo("anna@unit.example.by").jsonPath("$.roles[0]").isEqualTo("ORG_RESPONDER");
        byCertificate.get().uri("/api/v1/cabinet/organizations/{id}/questionnaires", tree.unit()).exchange().expectStatus().isOk();
        byCertificate.get().uri("/api/v1/cabinet/organizations/{id}/questionnaires", tree.body()).exchange().expectStatus().isForbidden();

        admin.delete().uri("/api/v1/cabinet/organizations/{id}/certificates/{fp}", tree.body(), fingerprint)
                .exchange().expectStatus().isNoContent();
        logIn(withCsrf(), certificate).expectStatus().isUnauthorized();
        assertThat(db.sql("SELECT action FROM audit_event WHERE action LIKE 'certificate.%' ORDER BY id")
                .map(r -> r.get(0, String.class)).all().collectList().block())
                .containsExactly("certificate.link", "certificate.login", "certificate.remove");
    }

    /** Moderators and the portal's admins never sign in with a certificate, nor link one. */
    @Test
    void noCertificateForModeratorsAndAdmins() {
        Issued certificate = TestCertificates.client("EC", "Модератор", null, null);
        for (Role role : List.of(Role.MODERATOR, Role.ADMIN)) {
            loggedInAs(role, null).post().uri("/api/v1/me/certificates").header("X-Client-Cert", certificate.escapedPem())
                    .exchange().expectStatus().isForbidden().expectBody()
                    .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/certificate-not-for-portal-staff");
        }
        // One linked before this rule (or by hand in the database) does not open a moderator's account either.
        accounts.create("moderator@portal.example.by", "moderator password 1", "Модератор", true, Role.MODERATOR, null)
                .block(Duration.ofSeconds(30));
        db.sql("""
                INSERT INTO account_certificate (fingerprint, user_id, subject, not_after)
                SELECT :fp, id, 'CN=Модератор', now() + interval '1 day' FROM app_user WHERE email = 'moderator@portal.example.by'""")
                .bind("fp", certificate.fingerprint()).then().block();
        logIn(withCsrf(), certificate).expectStatus().isForbidden().expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/certificate-not-for-portal-staff");
    }

    /**
     * Only certificates made for signing in, issued by a configured authority itself: not a web server's, not one without
     * a digital signature, not an authority's, and not one issued by a certificate the authority issued.
     */
    @Test
    void onlyCertificatesMadeForSigningInAndIssuedByAConfiguredAuthority() {
        Tree tree = tree();
        Issued intermediate = TestCertificates.issued(TestCertificates.authority(), "Sub CA", TestCertificates.Purpose.AUTHORITY);
        WebTestClient csrf = withCsrf();
        for (Issued refused : List.of(
                TestCertificates.issued(TestCertificates.authority(), "Web Server", TestCertificates.Purpose.SERVER_ONLY),
                TestCertificates.issued(TestCertificates.authority(), "Encryption Only", TestCertificates.Purpose.NO_SIGNATURE),
                intermediate,
                TestCertificates.issued(intermediate, "Below Sub CA", TestCertificates.Purpose.SIGNING_IN))) {
            accounts.create(refused.certificate().getSubjectX500Principal().getName().hashCode() + "@purpose.example.by",
                    "purpose password 1", "Purpose", true, Role.ORG_RESPONDER, tree.unit()).block(Duration.ofSeconds(30));
            logIn(csrf, refused).expectStatus().isUnauthorized().expectBody()
                    .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/certificate-untrusted");
        }
        WebTestClient colleague = loggedInAs(Role.ORG_RESPONDER, tree.unit());
        colleague.post().uri("/api/v1/me/certificates")
                .header("X-Client-Cert", TestCertificates.issued(intermediate, "Below Sub CA", TestCertificates.Purpose.SIGNING_IN)
                        .escapedPem() + intermediate.escapedPem())
                .exchange().expectStatus().isBadRequest();
        assertThat(db.sql("SELECT count(*) FROM account_certificate").map(r -> r.get(0, Long.class)).one().block()).isZero();
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

        loggedInAs(Role.ORG_RESPONDER, tree.unit()).post().uri("/api/v1/me/certificates").header("X-Client-Cert", "junk!")
                .exchange().expectStatus().isBadRequest();
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
            WebTestClient withKey = TestClients.webTestClient("https://localhost:" + https.port, tls);
            WebTestClient csrf = csrfOf(withKey);
            WebTestClient signedIn = session(csrf, csrf.post().uri("/api/v1/auth/certificate").exchange());
            signedIn.get().uri("/api/v1/cabinet/organizations").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$[0].id").isEqualTo(tree.body());

            // Without a key, the same HTTPS port: the header is not believed from a peer that is no trusted proxy.
            HttpClient plain = TestClients.http().secure(spec -> spec.sslContext(Http11SslContextSpec.forClient()
                    .configure(ssl -> ssl.trustManager(InsecureTrustManagerFactory.INSTANCE))));
            WebTestClient keyless = csrfOf(TestClients.webTestClient("https://localhost:" + https.port, plain));
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

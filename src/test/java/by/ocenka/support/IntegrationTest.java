package by.ocenka.support;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The base of every test that talks to the running application over HTTP, with real PostgreSQL and Redis
 * behind it (see {@link TestServers}). Each test starts with empty tables and an empty Redis database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
@AutoConfigureMetrics
@org.springframework.context.annotation.Import({SqlStatements.class, ManagementPort.class})
public abstract class IntegrationTest {

    static {
        TestServers.configure();
    }

    @Autowired
    protected WebTestClient web;

    @org.springframework.boot.test.web.server.LocalServerPort
    private int port;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected ReactiveRedisConnectionFactory redis;

    @Autowired
    protected by.ocenka.account.AccountService accounts;

    private final java.util.concurrent.atomic.AtomicInteger users = new java.util.concurrent.atomic.AtomicInteger();

    /** A client with a fresh CSRF token (cookie and header) and no session. */
    protected WebTestClient withCsrf() {
        String token = web.get().uri("/api/v1/auth/csrf").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        return web.mutate().defaultCookie("XSRF-TOKEN", token).defaultHeader("X-XSRF-TOKEN", token).build();
    }

    /** Logs in through the API and answers a client that carries the session and the CSRF token. */
    protected WebTestClient loggedIn(String email, String password) {
        WebTestClient csrf = withCsrf();
        var login = csrf.post().uri("/api/v1/auth/login").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(java.util.Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk().expectBody().returnResult();
        String session = login.getResponseCookies().getFirst("SESSION").getValue();
        return csrf.mutate().defaultCookie("SESSION", session).build();
    }

    /** A new account with this role (confirmed e-mail), logged in. */
    protected WebTestClient loggedInAs(by.ocenka.account.Role role, Long organizationId) {
        String email = role.name().toLowerCase() + users.incrementAndGet() + "-" + System.nanoTime() + "@example.by";
        String password = "correct horse battery " + role;
        accounts.create(email, password, "Test " + role, true, role, organizationId).block(Duration.ofSeconds(30));
        return loggedIn(email, password);
    }

    /** The token in the newest captured mail to this address, after {@code marker} (say {@code /confirm?token=}). */
    @SuppressWarnings("unchecked")
    protected String tokenFromMail(String to, String marker) {
        java.util.List<java.util.Map<String, Object>> inbox = web.get().uri("/dev/mail")
                .accept(org.springframework.http.MediaType.APPLICATION_JSON).exchange().expectStatus().isOk()
                .expectBody(java.util.List.class).returnResult().getResponseBody();
        String text = inbox.stream().filter(m -> to.equals(m.get("to"))).map(m -> (String) m.get("text"))
                .filter(t -> t.contains(marker)).findFirst().orElseThrow();
        int at = text.indexOf(marker) + marker.length();
        return text.substring(at).split("\\s")[0];
    }

    @Autowired
    private by.ocenka.catalog.demo.CatalogDemoData catalogDemo;

    /** Loads the Minsk demo catalogue and answers its first active organisation (what most page tests rate). */
    protected long minskOrganization() {
        catalogDemo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        return db.sql("SELECT id FROM organization WHERE status = 'ACTIVE' ORDER BY id LIMIT 1")
                .map(row -> row.get("id", Long.class)).one().block();
    }

    /** Public reads come from memory, refreshed in the background: what a change does shows within seconds. */
    protected static void eventually(org.awaitility.core.ThrowingRunnable assertion) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(assertion);
    }

    protected WebTestClient citizen() {
        return loggedInAs(by.ocenka.account.Role.CITIZEN, null);
    }

    @Autowired
    private java.util.List<by.ocenka.platform.LocalCache> caches;

    private ApiContract contract;

    /** The check of this test's {@code /api/} calls against the OpenAPI document. */
    protected ApiContract apiContract() {
        return contract;
    }

    /** Every {@code /api/} call of the test, against the application's OpenAPI document (see {@link ApiContract}). */
    @org.junit.jupiter.api.AfterEach
    void apiCallsMatchTheDocument() {
        org.assertj.core.api.Assertions.assertThat(contract.violations())
                .as("API calls that /v3/api-docs does not describe (method path → status: rule: message)").isEmpty();
    }

    @org.junit.jupiter.api.AfterEach
    void noNettyBufferLeaked() {
        org.assertj.core.api.Assertions.assertThat(NettyLeaks.drain())
                .as("Netty buffers never released (see their records)").isEmpty();
    }

    /** Forgets what the instance keeps in memory (after a test writes to the database behind its back). */
    protected void clearCaches() {
        caches.forEach(by.ocenka.platform.LocalCache::clear);
    }

    @BeforeEach
    void startFromEmptyState() {
        caches.forEach(by.ocenka.platform.LocalCache::clear);
        // Map answers and QR images run past the client's default 256 KB. The client asks for no compression: Netty's
        // client-side decompressor leaks a buffer when a test stops reading a compressed answer half-way (the
        // portal's own compression is tested in CompressionTest with a plain client).
        contract = new ApiContract(port);
        web = WebTestClient.bindToServer(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                        reactor.netty.http.client.HttpClient.create()))
                .baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .filter(contract.recorder())
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build();
        TestData.clean(db, redis).block(Duration.ofSeconds(30));
        // Again: something still running from the test before (an event's listener) may have read mid-clean.
        caches.forEach(by.ocenka.platform.LocalCache::clear);
    }
}

package by.ocenka.support;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import by.ocenka.account.AccountService;
import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.platform.LocalCache;
import by.ocenka.platform.RedisChannels;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of every test that talks to the running application over HTTP, with real PostgreSQL and Redis
 * behind it (see {@link TestServers}). Each test starts with empty tables and an empty Redis database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
@AutoConfigureMetrics
@Import({SqlStatements.class, ManagementPort.class})
public abstract class IntegrationTest {

    static {
        TestServers.configure();
    }

    @Autowired
    protected WebTestClient web;

    @LocalServerPort
    private int port;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected ReactiveRedisConnectionFactory redis;

    @Autowired
    protected AccountService accounts;

    @Autowired
    private RedisChannels channels;

    private final AtomicInteger users = new AtomicInteger();

    /** A client with a fresh CSRF token (cookie and header) and no session. */
    protected WebTestClient withCsrf() {
        String token = web.get().uri("/api/v1/auth/csrf").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        return web.mutate().defaultCookie("XSRF-TOKEN", token).defaultHeader("X-XSRF-TOKEN", token).build();
    }

    /** Logs in through the API and answers a client that carries the session and the CSRF token. */
    protected WebTestClient loggedIn(String email, String password) {
        WebTestClient csrf = withCsrf();
        var login = csrf.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk().expectBody().returnResult();
        String session = login.getResponseCookies().getFirst("SESSION").getValue();
        return csrf.mutate().defaultCookie("SESSION", session).build();
    }

    /** A new account with this role (confirmed e-mail), logged in. */
    protected WebTestClient loggedInAs(Role role, Long organizationId) {
        String email = role.name().toLowerCase() + users.incrementAndGet() + "-" + System.nanoTime() + "@example.by";
        String password = "correct horse battery " + role;
        accounts.create(email, password, "Test " + role, true, role, organizationId).block(Duration.ofSeconds(30));
        return loggedIn(email, password);
    }

    /** A browser session of a new account with this role (confirmed e-mail), signed in through the login page. */
    protected PageSession pageAs(Role role, Long organizationId) {
        String email = role.name().toLowerCase() + users.incrementAndGet() + "-" + System.nanoTime() + "@example.by";
        accounts.create(email, "correct horse battery", "Test " + role, true, role, organizationId).block(Duration.ofSeconds(30));
        PageSession session = new PageSession(web);
        session.get("/login");
        assertThat(session.post("/login", Map.of("email", email, "password", "correct horse battery")).status().value())
                .as("signed in").isEqualTo(303);
        return session;
    }

    /** The token in the newest captured mail to this address, after {@code marker} (say {@code /confirm?token=}). */
    @SuppressWarnings("unchecked")
    protected String tokenFromMail(String to, String marker) {
        List<Map<String, Object>> inbox = web.get().uri(uri -> uri.path("/dev/mail").queryParam("to", to).build())
                .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
        String text = inbox.stream().filter(m -> to.equals(m.get("to"))).map(m -> (String) m.get("text"))
                .filter(t -> t.contains(marker)).findFirst().orElseThrow();
        int at = text.indexOf(marker) + marker.length();
        return text.substring(at).split("\\s")[0];
    }

    @Autowired
    private CatalogDemoData catalogDemo;

    /** Loads the Minsk demo catalogue and answers its first active organisation (what most page tests rate). */
    protected long minskOrganization() {
        catalogDemo.load(region -> region.equals("MINSK")).block(Duration.ofSeconds(60));
        return db.sql("SELECT id FROM organization WHERE status = 'ACTIVE' ORDER BY id LIMIT 1")
                .map(row -> row.get("id", Long.class)).one().block();
    }

    /** Public reads come from memory, refreshed in the background: what a change does shows within seconds. */
    protected static void eventually(ThrowingRunnable assertion) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(assertion);
    }

    protected WebTestClient citizen() {
        return loggedInAs(Role.CITIZEN, null);
    }

    @Autowired
    private List<LocalCache> caches;

    private ApiContract contract;

    /** The check of this test's {@code /api/} calls against the OpenAPI document. */
    protected ApiContract apiContract() {
        return contract;
    }

    /** Every {@code /api/} call of the test, against the application's OpenAPI document (see {@link ApiContract}). */
    @AfterEach
    void apiCallsMatchTheDocument() {
        assertThat(contract.violations())
                .as("API calls that /v3/api-docs does not describe (method path → status: rule: message)").isEmpty();
    }

    /**
     * No buffer this test made was left unreleased: its clients' connections are closed and the garbage collected, so
     * what it leaked is found now; each leak names the test that made it ({@link NettyLeaks}).
     */
    @AfterEach
    void noNettyBufferLeaked() {
        TestClients.endOfTest();
        assertThat(NettyLeaks.collect()).as("Netty buffers never released (see their records)").isEmpty();
    }

    /** Forgets what the instance keeps in memory (after a test writes to the database behind its back). */
    protected void clearCaches() {
        caches.forEach(LocalCache::clear);
    }

    @BeforeEach
    void startFromEmptyState(TestInfo test) {
        NettyLeaks.running(getClass().getSimpleName() + "." + test.getTestMethod().map(Method::getName).orElse("?"));
        caches.forEach(LocalCache::clear);
        contract = new ApiContract(port);
        web = TestClients.webTestClient("http://localhost:" + port).mutate().filter(contract.recorder()).build();
        TestData.clean(db, redis).block(Duration.ofSeconds(30));
        // A test before may have restarted Redis: the instance's live channels are heard again before this one starts.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> channels.heard().then(Mono.just(true)).block(Duration.ofSeconds(1)));
        // Again: something still running from the test before (an event's listener) may have read mid-clean.
        caches.forEach(LocalCache::clear);
    }
}

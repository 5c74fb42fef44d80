package by.ocenka.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Chooses the servers for the whole test JVM before the first application context starts.
 * <ul>
 *   <li>Default: the application's own local run mode starts one embedded PostgreSQL and one embedded Redis on
 *   free ports, with their data in a throw-away directory under {@code target/}.</li>
 *   <li>{@code -Dtest.external=true}: the production path. A fresh database is created on the machine's PostgreSQL
 *   ({@code 127.0.0.1:5432}) and dropped at the end; Redis is the machine's ({@code 127.0.0.1:6379}) with a database
 *   index of its own. Only {@code spring.r2dbc.*} and {@code spring.data.redis.*} are set, as in production.</li>
 * </ul>
 */
public final class TestServers {

    public static final boolean EXTERNAL = Boolean.getBoolean("test.external");

    private static boolean configured;

    private TestServers() {
    }

    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        NettyLeaks.install();
        // Tests load the slices of demo data they need themselves.
        System.setProperty("ocenka.demo.load", "never");
        // The captured-mail inbox, also when the suite runs against external servers.
        System.setProperty("ocenka.dev-mail.enabled", "true");
        // The actuator on a port of its own, free (tests read it through @LocalManagementPort).
        System.setProperty("management.server.port", "0");
        // Every test request comes from 127.0.0.1: the per-address write limit would count the whole suite.
        System.setProperty("ocenka.security.write-limit.per-address", "1000000");
        // Background rating jobs would rebuild and reconcile between a test's steps; tests run them when they mean to.
        System.setProperty("ocenka.rating.jobs-enabled", "false");
        // Nor does the page cache render the busiest organisations ahead between a test's steps (PageWarmerTest calls it).
        System.setProperty("ocenka.web.warm-organizations", "0");
        // Certificate login on, trusting the test run's own authority; the tests' client (loopback) plays the proxy.
        System.setProperty("ocenka.cabinet.certificate-login.enabled", "true");
        System.setProperty("ocenka.cabinet.certificate-login.trust-anchors", "file:" + TestCertificates.authorityFile());
        System.setProperty("ocenka.security.trusted-proxies", "127.0.0.1,::1");
        // The map's tiles from nowhere: tests never reach the internet, and the map says its base did not load.
        System.setProperty("ocenka.web.map-tiles-url", "https://127.0.0.1:9/{z}/{x}/{y}.png");
        if (EXTERNAL) {
            configureExternal();
        } else {
            Path dataDir = Path.of("target", "test-servers", UUID.randomUUID().toString()).toAbsolutePath();
            System.setProperty("ocenka.embedded.enabled", "true");
            System.setProperty("ocenka.embedded.data-dir", dataDir.toString());
            System.setProperty("ocenka.embedded.ephemeral", "true");
            // Test data need not survive a power cut: faster tests.
            System.setProperty("ocenka.embedded.postgres-settings.fsync", "off");
            System.setProperty("ocenka.embedded.postgres-settings.synchronous_commit", "off");
        }
    }

    private static void configureExternal() {
        String host = System.getProperty("test.external.pg-host", "127.0.0.1");
        String port = System.getProperty("test.external.pg-port", "5432");
        String user = System.getProperty("test.external.pg-user", "postgres");
        String database = "ocenka_test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        execute(admin, user, "CREATE DATABASE " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                execute(admin, user, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)")));
        System.setProperty("spring.r2dbc.url", "r2dbc:postgresql://" + host + ":" + port + "/" + database);
        System.setProperty("spring.r2dbc.username", user);
        System.setProperty("spring.data.redis.host", System.getProperty("test.external.redis-host", "127.0.0.1"));
        System.setProperty("spring.data.redis.port", System.getProperty("test.external.redis-port", "6379"));
        System.setProperty("spring.data.redis.database", System.getProperty("test.external.redis-database", "11"));
    }

    private static void execute(String url, String user, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("External test PostgreSQL at " + url + " refused: " + sql, e);
        }
    }
}

package by.ocenka.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.SecondInstance;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public reads through a streaming replica (docs/SCALING.md, "Read replicas"): the test makes a real replica of its
 * own embedded primary with the bundled binaries — the bundle has no pg_basebackup, so the base backup is PostgreSQL's
 * low-level one (pg_backup_start, a copy of the data directory, pg_backup_stop and its backup_label) — starts it as a
 * hot standby streaming from a replication slot, and points a second instance's {@code ocenka.replica.url} at it.
 * With the replica's replay paused, that instance's public reviews stay where the replica is while the primary moves
 * on: its reads go through the replica. Stopped, the replica costs nothing but capacity: reads fall back to the primary.
 */
class ReadReplicaTest extends IntegrationTest {

    private static final String SLOT = "ocenka_test_replica";
    /** What a base backup leaves out (docs: "Making a Base Backup Using the Low Level API"). */
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "pg_wal", "pg_replslot",
            "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans", "log");

    @Autowired
    Environment environment;

    @Test
    void publicReadsGoThroughTheReplicaAndFallBackToThePrimary() throws Exception {
        String url = environment.getProperty("spring.r2dbc.url");
        Assumptions.assumeTrue(Boolean.parseBoolean(environment.getProperty("ocenka.embedded.enabled", "false")),
                "the replica is made from the embedded primary's data directory");
        var address = Pattern.compile("r2dbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(url);
        assertThat(address.matches()).isTrue();
        int primaryPort = Integer.parseInt(address.group(2));
        String database = address.group(3);
        String user = environment.getProperty("spring.r2dbc.username");
        String jdbc = "jdbc:postgresql://127.0.0.1:%d/%s";

        long org = minskOrganization();
        RatingTestSupport.citizens(db, 1, 3);
        List<WebTestClient> raters = RatingTestSupport.sessions(web, 1, 3);
        rate(raters.get(0), org);

        Path replicaDir = Path.of("target", "test-servers", "replica-" + UUID.randomUUID()).toAbsolutePath();
        int replicaPort = freePort();
        EmbeddedPostgres replica = null;
        try (Connection primary = DriverManager.getConnection(jdbc.formatted(primaryPort, database), user, "")) {
            execute(primary, "SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            Path primaryDir = Path.of(query(primary, "SHOW data_directory"));
            // The low-level base backup: one session from start to stop, the files copied in between.
            execute(primary, "SELECT pg_backup_start('ocenka-test-replica', true)");
            copy(primaryDir, replicaDir);
            try (Statement stop = primary.createStatement();
                 ResultSet label = stop.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                label.next();
                Files.writeString(replicaDir.resolve("backup_label"), label.getString(1));
            }
            Files.createFile(replicaDir.resolve("standby.signal"));
            Files.writeString(replicaDir.resolve("postgresql.auto.conf"), """
                    primary_conninfo = 'host=127.0.0.1 port=%d user=%s application_name=ocenka_test_replica'
                    primary_slot_name = '%s'
                    """.formatted(primaryPort, user, SLOT), StandardOpenOption.APPEND);
            replica = EmbeddedPostgres.builder().setDataDirectory(replicaDir).setCleanDataDirectory(false)
                    .setPort(replicaPort).setPGStartupWait(Duration.ofSeconds(60)).setRegisterShutdownHook(false)
                    // A hot standby needs at least the primary's limits (the embedded primary runs with 200 connections).
                    .setServerConfig("hot_standby", "on").setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off").start();

            try (Connection standby = DriverManager.getConnection(jdbc.formatted(replicaPort, database), user, "")) {
                assertThat(query(standby, "SELECT pg_is_in_recovery()")).isEqualTo("t");
                eventually(() -> assertThat(query(primary,
                        "SELECT state FROM pg_stat_replication WHERE application_name = 'ocenka_test_replica'")).isEqualTo("streaming"));
                eventually(() -> assertThat(count(standby, org)).isEqualTo(1));

                try (SecondInstance reader = new SecondInstance(environment, "http",
                        "--ocenka.replica.url=r2dbc:postgresql://127.0.0.1:" + replicaPort + "/" + database)) {
                    assertThat(total(reader.web, org)).isEqualTo(1);
                    // Replay paused: the primary takes a second questionnaire, the replica does not see it, and
                    // neither do the reader's public reviews.
                    execute(standby, "SELECT pg_wal_replay_pause()");
                    rate(raters.get(1), org);
                    assertThat(count(primary, org)).isEqualTo(2);
                    Thread.sleep(1500);
                    assertThat(total(reader.web, org)).isEqualTo(1);
                    assertThat(count(standby, org)).isEqualTo(1);
                    // Resumed: the replica catches up, and so do the reads.
                    execute(standby, "SELECT pg_wal_replay_resume()");
                    eventually(() -> assertThat(total(reader.web, org)).isEqualTo(2));

                    // The replica stops: public reads fall back to the primary (a third questionnaire shows).
                    replica.close();
                    replica = null;
                    rate(raters.get(2), org);
                    eventually(() -> assertThat(total(reader.web, org)).isEqualTo(3));
                }
            }
        } finally {
            if (replica != null) {
                replica.close();
            }
            try (Connection primary = DriverManager.getConnection(jdbc.formatted(primaryPort, database), user, "")) {
                execute(primary, "SELECT pg_drop_replication_slot('" + SLOT + "') FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'");
            }
            deleteQuietly(replicaDir);
        }
    }

    private void rate(WebTestClient citizen, long org) {
        citizen.post().uri("/api/v1/organizations/{id}/ratings", org).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isCreated();
    }

    /**
     * The organisation's published reviews as the reader serves them, read afresh: an address its public cache has not
     * seen (the cache's own staleness is documented in docs/OPERATIONS.md, "A read replica"; here the database's).
     */
    private static long total(WebTestClient client, long org) {
        Number total = (Number) client.get().uri("/api/v1/organizations/{id}/reviews?size=20&fresh={n}", org, System.nanoTime())
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("total");
        return total.longValue();
    }

    private static long count(Connection connection, long org) throws SQLException {
        return Long.parseLong(query(connection, "SELECT count(*) FROM questionnaire WHERE organization_id = " + org));
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The data directory without what a base backup leaves out; files vanishing meanwhile are simply not there. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.getNameCount() > 0 && SKIPPED.contains(relative.getName(0).toString())) {
                    if (relative.getNameCount() == 1 && Files.isDirectory(file)) {
                        Files.createDirectories(to.resolve(relative));
                    }
                    continue;
                }
                try {
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to.resolve(relative));
                    } else {
                        Files.copy(file, to.resolve(relative));
                    }
                } catch (NoSuchFileException vanished) {
                    // a temporary file the server removed while we walked
                }
            }
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
        }
        Files.createDirectories(to.resolve("pg_wal").resolve("archive_status"));
        // PostgreSQL refuses a data directory others may read.
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // target/ is cleaned anyway
        }
    }
}

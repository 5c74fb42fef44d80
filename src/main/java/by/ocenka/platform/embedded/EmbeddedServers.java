package by.ocenka.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import redis.embedded.RedisServer;

/**
 * An embedded PostgreSQL and Redis that keep their data under one directory. The directory is locked while they
 * run, so that a second start on the same data fails with a clear message instead of corrupting it.
 * <p>
 * Started once per JVM by {@link EmbeddedServersEnvironmentPostProcessor} (the local run mode and the test suite),
 * stopped after the application contexts have closed. Both servers can be stopped and started again on the same
 * ports, which the readiness tests use to simulate an outage.
 */
public final class EmbeddedServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);
    private static final String USER = "postgres";

    private static volatile EmbeddedServers current;

    private final EmbeddedSettings settings;
    private final Path postgresDir;
    private final Path redisDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private int postgresPort;
    private final int redisPort;
    private EmbeddedPostgres postgres;
    private RedisServer redis;

    private EmbeddedServers(EmbeddedSettings settings) {
        this.settings = settings;
        Path dataDir = settings.dataDir().toAbsolutePath();
        this.postgresDir = dataDir.resolve("postgres");
        this.redisDir = dataDir.resolve("redis");
        try {
            Files.createDirectories(redisDir);
            this.lockChannel = FileChannel.open(dataDir.resolve("ocenka.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock acquired;
            try {
                acquired = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                acquired = null;
            }
            if (acquired == null) {
                lockChannel.close();
                throw new DataDirectoryInUseException(dataDir);
            }
            this.lock = acquired;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded data directory " + dataDir, e);
        }
        this.redisPort = freePort();
    }

    /**
     * Starts both servers on {@code settings.dataDir()}, or fails if another process holds that directory.
     */
    public static EmbeddedServers start(EmbeddedSettings settings) {
        EmbeddedServers servers = new EmbeddedServers(settings);
        try {
            servers.startPostgres();
            servers.startRedis();
            servers.createDatabaseIfMissing();
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
        return servers;
    }

    /** The servers this JVM started for the application, once {@link #startForJvm} has run. */
    public static EmbeddedServers current() {
        return current;
    }

    /** Starts the servers once per JVM; later calls (a second application context) reuse them. */
    static synchronized EmbeddedServers startForJvm(EmbeddedSettings settings) {
        if (current == null) {
            current = start(settings);
            // Runs after Spring has closed every application context, so pools shut down before the servers do.
            SpringApplication.getShutdownHandlers().add(current::close);
        }
        return current;
    }

    public synchronized void startPostgres() {
        if (postgres != null) {
            return;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(postgresDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky's defaults trade durability for speed (-F, synchronous_commit=off): a 201 must mean
                    // committed, so the local mode turns both back on; the test suite may turn them off again.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB");
            if (postgresPort > 0) {
                builder.setPort(postgresPort);
            }
            settings.postgresSettings().forEach(builder::setServerConfig);
            postgres = builder.start();
            postgresPort = postgres.getPort();
            log.info("Embedded PostgreSQL on port {} with data in {}", postgresPort, postgresDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + postgresDir, e);
        }
    }

    public synchronized void stopPostgres() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        } finally {
            postgres = null;
        }
    }

    public synchronized void startRedis() {
        if (redis != null) {
            return;
        }
        try {
            redis = RedisServer.newRedisServer()
                    .port(redisPort)
                    .bind("127.0.0.1")
                    .setting("dir " + redisDir)
                    // Sessions and daily limits survive a restart; the counters are rebuilt from PostgreSQL anyway.
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save \"\"")
                    .setting("maxmemory-policy noeviction")
                    .build();
            redis.start();
            log.info("Embedded Redis on port {} with data in {}", redisPort, redisDir);
        } catch (IOException e) {
            redis = null;
            throw new UncheckedIOException("Cannot start the embedded Redis in " + redisDir, e);
        }
    }

    public synchronized void stopRedis() {
        if (redis == null) {
            return;
        }
        try {
            redis.stop();
        } catch (IOException e) {
            log.warn("Embedded Redis did not stop cleanly", e);
        } finally {
            redis = null;
        }
    }

    public int postgresPort() {
        return postgresPort;
    }

    public int redisPort() {
        return redisPort;
    }

    public String user() {
        return USER;
    }

    public String database() {
        return settings.database();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + settings.database();
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://127.0.0.1:" + postgresPort + "/" + settings.database();
    }

    @Override
    public synchronized void close() {
        if (!lockChannel.isOpen()) {
            return;
        }
        stopRedis();
        stopPostgres();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("Cannot release the lock on {}", settings.dataDir(), e);
        }
        if (settings.ephemeral()) {
            deleteRecursively(settings.dataDir());
        }
        if (current == this) {
            current = null;
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + settings.database().replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE \"" + settings.database().replace("\"", "") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + settings.database(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the embedded Redis", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Cannot delete {}", dir, e);
        }
    }
}

package by.ocenka.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Function;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run mode keeps its data between starts and refuses a second start on the same data. */
class EmbeddedServersTest {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestart() throws SQLException {
        EmbeddedSettings settings = settings("ocenka_restart");
        try (EmbeddedServers first = EmbeddedServers.start(settings)) {
            try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.user(), "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v TEXT)");
                s.execute("INSERT INTO kept VALUES ('first run')");
            }
            withRedis(first, redis -> redis.set("kept", "first run"));
        }
        try (EmbeddedServers second = EmbeddedServers.start(settings)) {
            try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.user(), "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("first run");
            }
            String kept = withRedis(second, redis -> redis.get("kept"));
            assertThat(kept).isEqualTo("first run");
        }
    }

    @Test
    void secondStartOnTheSameDataFailsClearly() {
        EmbeddedSettings settings = settings("ocenka_lock");
        try (EmbeddedServers running = EmbeddedServers.start(settings)) {
            assertThatThrownBy(() -> EmbeddedServers.start(settings))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining("already running")
                    .hasMessageContaining(dataDir.toString());
            assertThat(running.postgresPort()).isPositive();
        }
        // The lock goes with the servers: the next start succeeds.
        EmbeddedServers.start(settings).close();
    }

    private EmbeddedSettings settings(String database) {
        return new EmbeddedSettings(true, dataDir, false, database, Map.of("fsync", "off"));
    }

    private static <T> T withRedis(EmbeddedServers servers, Function<RedisCommands<String, String>, T> work) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + servers.redisPort());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return work.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}

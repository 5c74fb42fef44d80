package by.ocenka.platform.embedded;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The local run mode: an embedded PostgreSQL and Redis on free ports, started before the application context.
 *
 * @param enabled          start the embedded servers; when unset, they start unless {@code spring.r2dbc.url}
 *                         is set or the {@code prod} profile is active
 * @param dataDir          where both servers keep their data, so that a restart sees the previous run's data
 * @param ephemeral        delete {@code dataDir} when the JVM exits (the test suite)
 * @param database         the database the application uses inside the embedded PostgreSQL
 * @param postgresSettings extra {@code postgresql.conf} settings
 */
@ConfigurationProperties("ocenka.embedded")
public record EmbeddedSettings(Boolean enabled, Path dataDir, boolean ephemeral, String database,
                               Map<String, String> postgresSettings) {

    public EmbeddedSettings {
        dataDir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".ocenka", "data");
        database = database != null ? database : "ocenka";
        postgresSettings = postgresSettings != null ? Map.copyOf(postgresSettings) : Map.of();
    }
}

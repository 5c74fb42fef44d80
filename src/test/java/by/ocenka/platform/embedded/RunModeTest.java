package by.ocenka.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** External servers configured: nothing embedded starts, and Flyway follows the R2DBC URL. */
class RunModeTest {

    private final EmbeddedServersEnvironmentPostProcessor postProcessor =
            new EmbeddedServersEnvironmentPostProcessor(new DeferredLogs());

    @Test
    void externalR2dbcUrlConfiguresFlywayAndStartsNothing() {
        StandardEnvironment environment = environment(Map.of(
                "spring.r2dbc.url", "r2dbc:postgresql://db.example:5433/ocenka?sslMode=require",
                "spring.r2dbc.username", "ocenka",
                "spring.r2dbc.password", "s3cret"));
        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://db.example:5433/ocenka");
        assertThat(environment.getProperty("spring.flyway.user")).isEqualTo("ocenka");
        assertThat(environment.getProperty("spring.flyway.password")).isEqualTo("s3cret");
        assertThat(environment.getProperty("ocenka.run-mode")).isEqualTo("external");
    }

    @Test
    void explicitFlywayUrlWins() {
        StandardEnvironment environment = environment(Map.of(
                "spring.r2dbc.url", "r2dbc:postgresql://db:5432/ocenka",
                "spring.flyway.url", "jdbc:postgresql://primary:5432/ocenka"));
        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://primary:5432/ocenka");
    }

    @Test
    void prodProfileNeverStartsEmbeddedServers() {
        StandardEnvironment environment = environment(Map.of());
        environment.setActiveProfiles("prod");
        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("ocenka.run-mode")).isEqualTo("external");
        assertThat(environment.containsProperty("spring.r2dbc.url")).isFalse();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        // Only what the test gives: not the JVM's system properties, which the test suite itself uses.
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}

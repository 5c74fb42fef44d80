package by.ocenka.platform.embedded;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Chooses the run mode before any bean exists. In the local mode it starts the {@link EmbeddedServers} and points
 * R2DBC, Flyway and Redis at them; in the external mode it only lets Flyway follow {@code spring.r2dbc.url} when no
 * {@code spring.flyway.url} is given, so one URL configures both.
 */
public class EmbeddedServersEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private final Log log;

    public EmbeddedServersEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedServersEnvironmentPostProcessor.class);
    }

    private static final Pattern R2DBC_URL = Pattern.compile("r2dbc:(?:pool:)?postgres(?:ql)?://([^/?]+)/([^?]+).*");

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        EmbeddedSettings settings = Binder.get(environment).bind("ocenka.embedded", EmbeddedSettings.class)
                .orElseGet(() -> new EmbeddedSettings(null, null, false, null, null));
        if (embeddedWanted(settings, environment)) {
            EmbeddedServers servers = EmbeddedServers.startForJvm(settings);
            log.info("Local run mode: embedded PostgreSQL on port " + servers.postgresPort() + ", embedded Redis on port "
                    + servers.redisPort() + ", data in " + settings.dataDir().toAbsolutePath());
            environment.getPropertySources().addFirst(new MapPropertySource("ocenkaEmbeddedServers", Map.of(
                    "spring.r2dbc.url", servers.r2dbcUrl(),
                    "spring.r2dbc.username", servers.user(),
                    "spring.r2dbc.password", "",
                    "spring.flyway.url", servers.jdbcUrl(),
                    "spring.flyway.user", servers.user(),
                    "spring.flyway.password", "",
                    "spring.data.redis.host", "127.0.0.1",
                    "spring.data.redis.port", String.valueOf(servers.redisPort()),
                    "ocenka.run-mode", "local")));
            // A laptop's portal with its published demo passwords is for this machine only, unless told otherwise
            // (SERVER_ADDRESS=0.0.0.0): the lowest precedence, so any configured address wins.
            // The demo data set too, unless told otherwise.
            environment.getPropertySources().addLast(new MapPropertySource("ocenkaLocalDefaults",
                    Map.of("server.address", "127.0.0.1", "ocenka.demo.load", "auto")));
        } else {
            log.info("External run mode: using the configured PostgreSQL and Redis");
            environment.getPropertySources().addLast(new MapPropertySource("ocenkaFlywayFromR2dbc",
                    flywayFromR2dbc(environment)));
        }
    }

    private static boolean embeddedWanted(EmbeddedSettings settings, ConfigurableEnvironment environment) {
        if (settings.enabled() != null) {
            return settings.enabled();
        }
        return !environment.containsProperty("spring.r2dbc.url")
                && !environment.acceptsProfiles(Profiles.of("prod"));
    }

    private static Map<String, Object> flywayFromR2dbc(ConfigurableEnvironment environment) {
        Map<String, Object> derived = new HashMap<>();
        derived.put("ocenka.run-mode", "external");
        String r2dbcUrl = environment.getProperty("spring.r2dbc.url");
        if (r2dbcUrl == null || environment.containsProperty("spring.flyway.url")) {
            return derived;
        }
        Matcher m = R2DBC_URL.matcher(r2dbcUrl);
        if (m.matches()) {
            derived.put("spring.flyway.url", "jdbc:postgresql://" + m.group(1) + "/" + m.group(2));
            putIfPresent(derived, environment, "spring.r2dbc.username", "spring.flyway.user");
            putIfPresent(derived, environment, "spring.r2dbc.password", "spring.flyway.password");
        }
        return derived;
    }

    private static void putIfPresent(Map<String, Object> target, ConfigurableEnvironment environment,
                                     String from, String to) {
        String value = environment.getProperty(from);
        if (value != null && !environment.containsProperty(to)) {
            target.put(to, value);
        }
    }
}

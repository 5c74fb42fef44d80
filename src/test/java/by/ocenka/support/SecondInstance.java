package by.ocenka.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import by.ocenka.OcenkaApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Another instance of the portal in the same test, against the first one's PostgreSQL and Redis (scale-out). */
public final class SecondInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    public final WebTestClient web;
    public final int port;

    public SecondInstance(Environment first) {
        this(first, "http", new String[0]);
    }

    /** With more arguments (say, an HTTPS port: {@code scheme} then is {@code https}). */
    public SecondInstance(Environment first, String scheme, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--ocenka.embedded.enabled=false", "--ocenka.demo.load=never",
                "--spring.r2dbc.url=" + first.getProperty("spring.r2dbc.url"),
                "--spring.r2dbc.username=" + first.getProperty("spring.r2dbc.username"),
                "--spring.r2dbc.password=" + first.getProperty("spring.r2dbc.password", ""),
                "--spring.flyway.url=" + first.getProperty("spring.flyway.url"),
                "--spring.flyway.user=" + first.getProperty("spring.flyway.user", first.getProperty("spring.r2dbc.username")),
                "--spring.data.redis.host=" + first.getProperty("spring.data.redis.host"),
                "--spring.data.redis.port=" + first.getProperty("spring.data.redis.port"),
                "--spring.data.redis.database=" + first.getProperty("spring.data.redis.database", "0")));
        args.addAll(List.of(more));
        context = new SpringApplication(OcenkaApplication.class, OwnNettyResources.class).run(args.toArray(String[]::new));
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
        web = TestClients.webTestClient(scheme + "://localhost:" + port);
    }

    /**
     * Netty event loops of its own: with the global ones (Boot's default), closing this instance disposed the loops the
     * first instance's actuator server runs on, and its management port stopped answering.
     */
    @Configuration(proxyBeanMethods = false)
    static class OwnNettyResources {
        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        }
    }

    /** One of this instance's beans (its jobs, say, which the suite runs by hand). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}

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
public abstract class IntegrationTest {

    static {
        TestServers.configure();
    }

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected ReactiveRedisConnectionFactory redis;

    @BeforeEach
    void startFromEmptyState() {
        // Map answers and QR images run past the client's default 256 KB.
        web = web.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build();
        TestData.clean(db, redis).block(Duration.ofSeconds(30));
    }
}

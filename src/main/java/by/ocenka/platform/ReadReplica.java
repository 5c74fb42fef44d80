package by.ocenka.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import by.ocenka.platform.config.ReplicaProperties;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where public reads go (docs/SCALING.md, "Read replicas"): a streaming replica of PostgreSQL when
 * {@code ocenka.replica.url} names one, else the primary. Off by default. A replica is behind the primary by its
 * replication lag (milliseconds on a healthy pair), so only reads that may be that stale come here — published reviews,
 * trends, country statistics — never the daily limit, a citizen's own ratings, the cabinet or anything read before a
 * write. When the replica fails, the same read runs on the primary: a replica outage costs capacity, not pages.
 */
@Component
public class ReadReplica {

    private static final Logger log = LoggerFactory.getLogger(ReadReplica.class);

    private final DatabaseClient primary;
    private final DatabaseClient replica;
    private final ConnectionPool pool;

    ReadReplica(DatabaseClient primary, ReplicaProperties properties,
                @Value("${spring.r2dbc.username:}") String primaryUser,
                @Value("${spring.r2dbc.password:}") String primaryPassword) {
        this.primary = primary;
        if (properties.url() == null || properties.url().isBlank()) {
            this.pool = null;
            this.replica = primary;
            return;
        }
        ConnectionFactoryOptions parsed = ConnectionFactoryOptions.parse(properties.url());
        ConnectionFactoryOptions.Builder options = parsed.mutate()
                .option(ConnectionFactoryOptions.CONNECT_TIMEOUT, Duration.ofSeconds(2));
        // The account: the replica's own properties, else the URL's, else the primary's (a replica is a copy of the
        // primary, users included).
        if (!blank(properties.username())) {
            options.option(ConnectionFactoryOptions.USER, properties.username());
        } else if (!parsed.hasOption(ConnectionFactoryOptions.USER) && !blank(primaryUser)) {
            options.option(ConnectionFactoryOptions.USER, primaryUser);
        }
        if (!blank(properties.password())) {
            options.option(ConnectionFactoryOptions.PASSWORD, properties.password());
        } else if (!parsed.hasOption(ConnectionFactoryOptions.PASSWORD) && !blank(primaryPassword)) {
            options.option(ConnectionFactoryOptions.PASSWORD, primaryPassword);
        }
        this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options.build()))
                .name("replica")
                .initialSize(1)
                .maxSize(properties.poolSize())
                .maxAcquireTime(Duration.ofSeconds(2))
                .maxCreateConnectionTime(Duration.ofSeconds(2))
                .maxIdleTime(Duration.ofMinutes(5))
                .build());
        this.replica = DatabaseClient.create(pool);
        log.info("Public reads go to the read replica {}:{}", parsed.getValue(ConnectionFactoryOptions.HOST),
                parsed.getValue(ConnectionFactoryOptions.PORT));
    }

    /** Whether a replica is configured. */
    public boolean enabled() {
        return pool != null;
    }

    /** Runs a public read on the replica (the primary when there is none, or when the replica fails). */
    public <T> Flux<T> read(Function<DatabaseClient, Flux<T>> query) {
        if (pool == null) {
            return query.apply(primary);
        }
        // Any failure: once more on the primary (a query the primary fails as well fails the same way there). The rows
        // are gathered first, so a replica failing half-way through a read never doubles the ones already sent.
        return query.apply(replica).collectList()
                .onErrorResume(e -> {
                    warnAtMostEveryMinute(e);
                    return query.apply(primary).collectList();
                })
                .flatMapIterable(rows -> rows);
    }

    /** {@link #read} for one row or none. */
    public <T> Mono<T> readOne(Function<DatabaseClient, Mono<T>> query) {
        return read(db -> query.apply(db).flux()).next();
    }

    private final AtomicLong lastWarning = new AtomicLong();

    /** A replica that keeps failing sends every public read to the primary: said once a minute, not on every read. */
    private void warnAtMostEveryMinute(Throwable e) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((last == 0 || now - last > Duration.ofMinutes(1).toNanos()) && lastWarning.compareAndSet(last, now)) {
            log.warn("Read replica unavailable, public reads go to the primary: {}", e.toString());
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    @PreDestroy
    void close() {
        if (pool != null) {
            pool.dispose();
        }
    }
}

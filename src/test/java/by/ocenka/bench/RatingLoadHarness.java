package by.ocenka.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import by.ocenka.OcenkaApplication;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.rating.internal.RatingJobs;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Open-loop load on the rating path over loopback HTTP: logged-in citizens submit questionnaires at a fixed rate
 * (requests start on schedule whether or not earlier ones have answered), and it prints accepted submissions per
 * second, latency p50/p99 and the mean batch size. Runs the portal in-process with its own embedded servers
 * (data in {@code target/bench-data}), once with micro-batching and once without. Not a test:
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=by.ocenka.bench.RatingLoadHarness -Dbench.rate=1500 -Dbench.seconds=20</pre>
 */
public final class RatingLoadHarness {

    private RatingLoadHarness() {
    }

    public static void main(String[] args) {
        int rate = Integer.getInteger("bench.rate", 1500);
        int seconds = Integer.getInteger("bench.seconds", 20);
        String dataDir = Path.of(System.getProperty("bench.data-dir", "target/bench-data")).toAbsolutePath().toString();
        List<String> results = new ArrayList<>();
        for (boolean batching : new boolean[]{true, false}) {
            results.add(run(dataDir, batching, rate, seconds));
        }
        System.out.println();
        results.forEach(System.out::println);
    }

    private static String run(String dataDir, boolean batching, int rate, int seconds) {
        try (ConfigurableApplicationContext app = new SpringApplication(OcenkaApplication.class).run(
                "--server.port=0", "--ocenka.demo.load=never", "--ocenka.embedded.data-dir=" + dataDir,
                "--logging.level.root=WARN", "--ocenka.rating.batching=" + batching,
                "--ocenka.security.write-limit.per-user=100000", "--ocenka.security.write-limit.per-address=100000000",
                "--spring.r2dbc.pool.max-size=16")) {
            DatabaseClient db = app.getBean(DatabaseClient.class);
            long organizations = db.sql("SELECT count(*) AS n FROM organization").map(r -> r.get("n", Long.class)).one().block();
            if (organizations == 0) {
                app.getBean(CatalogDemoData.class).load(region -> true).block(Duration.ofMinutes(2));
            }
            int total = rate * seconds;
            int citizens = Math.max(200, total / 50);
            db.sql("DELETE FROM questionnaire").then().block(Duration.ofMinutes(2));
            db.sql("DELETE FROM user_role WHERE user_id IN (SELECT id FROM app_user WHERE email LIKE 'bench%@load.test')").then().block();
            db.sql("DELETE FROM app_user WHERE email LIKE 'bench%@load.test'").then().block();
            db.sql("""
                            WITH u AS (INSERT INTO app_user (email, password_hash, display_name, email_confirmed_at, created_at)
                                       SELECT 'bench' || g || '@load.test', '{noop}bench-' || g, 'Bench ' || g, now(),
                                              now() - interval '30 days'
                                       FROM generate_series(1, :n) g RETURNING id)
                            INSERT INTO user_role (user_id, role) SELECT id, 'CITIZEN' FROM u""")
                    .bind("n", citizens).then().block(Duration.ofMinutes(1));
            List<Long> orgIds = db.sql("SELECT id FROM organization ORDER BY id").map(r -> r.get("id", Long.class)).all().collectList().block();
            app.getBean(RatingJobs.class).rebuildAndReconcile().block(Duration.ofMinutes(2));

            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                    .clientConnector(new ReactorClientHttpConnector(
                            HttpClient.create(ConnectionProvider.builder("bench").maxConnections(2_000)
                                    .pendingAcquireMaxCount(100_000).build())))
                    .build();
            ResponseCookie csrf = client.get().uri("/api/v1/auth/csrf").exchangeToMono(r -> Mono.just(r.cookies().getFirst("XSRF-TOKEN"))).block();
            String token = csrf.getValue();
            List<String> sessions = Flux.range(1, citizens).flatMapSequential(n -> client.post().uri("/api/v1/auth/login")
                            .cookie("XSRF-TOKEN", token).header("X-XSRF-TOKEN", token).contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("email", "bench" + n + "@load.test", "password", "bench-" + n))
                            .exchangeToMono(r -> Mono.just(r.cookies().getFirst("SESSION").getValue())), 32)
                    .collectList().block(Duration.ofMinutes(3));

            // Warm-up: a few seconds at a fifth of the rate, on organisations the measured run does not use.
            fire(client, token, sessions, orgIds.subList(orgIds.size() / 2, orgIds.size()), rate / 5, 5);
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            DistributionSummary batches = meters.find("ocenka.ratings.batch.size").summary();
            long batchCount0 = batches.count();
            double batchTotal0 = batches.totalAmount();
            long count0 = count(db);

            Result r = fire(client, token, sessions, orgIds.subList(0, orgIds.size() / 2), rate, seconds);
            long stored = count(db) - count0;
            double meanBatch = (batches.totalAmount() - batchTotal0) / Math.max(1, batches.count() - batchCount0);
            return String.format(Locale.ROOT,
                    "%s: offered %d/s for %d s -> accepted %.0f/s (%d of %d; other statuses %s), p50 %.1f ms, p99 %.1f ms, "
                            + "mean batch %.1f, rows stored %d",
                    batching ? "micro-batching" : "one INSERT per rating", rate, seconds, r.accepted / r.seconds, r.accepted,
                    total, r.others, r.p50, r.p99, meanBatch, stored);
        }
    }

    private record Result(int accepted, double seconds, double p50, double p99, Map<Integer, Integer> others) {
    }

    /** Starts {@code rate} submissions a second for {@code seconds}, each by a citizen for an organisation it has not rated. */
    private static Result fire(WebClient client, String token, List<String> sessions, List<Long> orgs, int rate, int seconds) {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger accepted = new AtomicInteger();
        Map<Integer, Integer> others = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        Flux.interval(Duration.ofMillis(10))
                .takeWhile(tick -> next.get() < total)
                .flatMap(tick -> {
                    // Open loop: whatever is due by now starts now.
                    long due = Math.min(total, (System.nanoTime() - start) / intervalNanos + 1);
                    List<Mono<Void>> batch = new ArrayList<>();
                    int i;
                    while ((i = next.get()) < due && next.compareAndSet(i, i + 1)) {
                        int index = i;
                        String session = sessions.get(index % sessions.size());
                        long org = orgs.get((index / sessions.size()) % orgs.size());
                        long begun = System.nanoTime();
                        batch.add(client.post().uri("/api/v1/organizations/{id}/ratings", org)
                                .cookie("SESSION", session).cookie("XSRF-TOKEN", token).header("X-XSRF-TOKEN", token)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("scores", Map.of("SIMPLICITY", 5, "INFORMATION", 4, "TIMELINESS", 5,
                                        "POLITENESS", 5, "OVERALL", 4)))
                                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                                .onErrorReturn(-1)
                                .doOnNext(status -> {
                                    latencies[index] = System.nanoTime() - begun;
                                    if (status == 201) {
                                        accepted.incrementAndGet();
                                    } else {
                                        others.merge(status, 1, Integer::sum);
                                    }
                                }).then());
                    }
                    return Flux.merge(batch);
                }, Integer.MAX_VALUE)
                .blockLast(Duration.ofSeconds(seconds + 120L));
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] done = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        return new Result(accepted.get(), elapsed, quantile(done, 0.5), quantile(done, 0.99), others);
    }

    private static double quantile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static long count(DatabaseClient db) {
        return db.sql("SELECT count(*) AS n FROM questionnaire").map(r -> r.get("n", Long.class)).one().block();
    }
}

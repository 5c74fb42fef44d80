package by.ocenka.load;

import java.io.IOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.sse;

/**
 * Thousands of SSE subscribers across many organisations while ratings flow; the time from submission to the event
 * at the subscriber. {@code -Dsubscribers} connections over {@code -Dorganizations} organisations stay open through
 * the run; raters submit {@code -Drate} ratings per second to the same organisations. Every subscriber records, for
 * each event, the time from the questionnaire's commit time ({@code at}) to the event's arrival (both clocks are this
 * machine's); the figures go to {@code target/load-data/live-latency.txt} and fail the run past {@code -Dp99}.
 */
public class LiveSubscribers extends Simulation {

    static final int SUBSCRIBERS = Integer.getInteger("subscribers", 10_000);
    static final int ORGANIZATIONS = Integer.getInteger("organizations", 500);
    static final int PER_CITIZEN = Integer.getInteger("ratingsPerCitizen", 10);
    /**
     * The stream coalesces an organisation's ratings of two seconds into one update (the portal's LiveEvents), so an
     * event arrives up to 2 s after its rating by design; the default gate leaves 250 ms for the pipeline.
     */
    static final int P99_MS = Integer.getInteger("p99", 2250);
    static final int SUBSCRIBE_SECONDS = Integer.getInteger("subscribeRamp", 20);
    /** Subscribers stay through their own ramp, the raters' ramp, the run at the peak and a little after. */
    static final int HOLD_SECONDS = SUBSCRIBE_SECONDS + LoadSettings.RAMP + LoadSettings.DURATION + 10;

    static final List<Long> ORGS = LoadSettings.Organizations.first(ORGANIZATIONS);
    static final AtomicInteger NEXT = new AtomicInteger();
    static final ConcurrentLinkedQueue<Long> LATENCIES = new ConcurrentLinkedQueue<>();
    static final AtomicInteger EVENTS = new AtomicInteger();
    static final Pattern AT = Pattern.compile("\\\\?\"at\\\\?\"\\s*:\\s*\\\\?\"([^\"\\\\]+)");

    ScenarioBuilder subscribers = scenario("Subscribers")
            .exec(session -> session.set("org", ORGS.get(Math.floorMod(NEXT.getAndIncrement(), ORGS.size()))))
            .exec(sse("subscribe").get("/api/v1/organizations/#{org}/events").header("Accept", "text/event-stream"))
            .exec(during(HOLD_SECONDS).on(pause(1).exec(sse.processUnmatchedMessages((messages, session) -> {
                messages.forEach(m -> record(m.timestamp(), m.message()));
                return session;
            }))))
            .exec(sse("close").close());

    ScenarioBuilder raters = scenario("Raters")
            .feed(Stream.generate(() -> Map.<String, Object>of("orgs", distinct(PER_CITIZEN))).iterator())
            .exec(Chains.LOG_IN)
            .exec(foreach("#{orgs}", "org").on(Chains.RATE));

    static void record(long receivedAt, String message) {
        Matcher at = AT.matcher(message);
        if (at.find()) {
            EVENTS.incrementAndGet();
            LATENCIES.add(receivedAt - OffsetDateTime.parse(at.group(1)).toInstant().toEpochMilli());
        }
    }

    static List<Long> distinct(int n) {
        java.util.Set<Long> chosen = new java.util.LinkedHashSet<>();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        while (chosen.size() < Math.min(n, ORGS.size())) {
            chosen.add(ORGS.get(random.nextInt(ORGS.size())));
        }
        return List.copyOf(chosen);
    }

    {
        double citizensPerSecond = LoadSettings.RATE / PER_CITIZEN;
        setUp(
                subscribers.injectOpen(rampUsers(SUBSCRIBERS).during(SUBSCRIBE_SECONDS)),
                raters.injectOpen(nothingFor(SUBSCRIBE_SECONDS + 2),
                        io.gatling.javaapi.core.CoreDsl.rampUsersPerSec(1).to(citizensPerSecond).during(LoadSettings.RAMP),
                        constantUsersPerSec(citizensPerSecond).during(LoadSettings.DURATION)))
                // Events wait in a buffer per subscriber until it reads them, once a second.
                .protocols(LoadSettings.api().sseUnmatchedInboundMessageBufferSize(5_000))
                .assertions(
                        global().failedRequests().count().is(0L),
                        details("submit rating").responseTime().percentile(99.0).lt(Integer.getInteger("submitP99", 500)));
    }

    @Override
    public void after() {
        long[] all = LATENCIES.stream().mapToLong(Long::longValue).sorted().toArray();
        String line;
        if (all.length == 0) {
            line = "live: no events received FAILED";
        } else {
            long p50 = all[(int) Math.min(all.length - 1, Math.round(all.length * 0.50))];
            long p95 = all[(int) Math.min(all.length - 1, Math.round(all.length * 0.95))];
            long p99 = all[(int) Math.min(all.length - 1, Math.round(all.length * 0.99))];
            line = String.format("live: %d events to %d subscribers; submission to delivery p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%s",
                    all.length, SUBSCRIBERS, p50, p95, p99, all[all.length - 1], p99 < P99_MS ? "" : " FAILED (p99 over " + P99_MS + " ms)");
        }
        System.out.println(line);
        try {
            Files.writeString(LoadSettings.DATA.resolve("live-latency.txt"), line + System.lineSeparator());
        } catch (IOException e) {
            System.err.println("Cannot write the live latency: " + e);
        }
        Arrays.fill(all, 0);
    }
}

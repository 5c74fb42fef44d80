package by.ocenka.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Anonymous visitors: search as they type (a prefix a keystroke), open an organisation's page (HTML), look at a
 * ranking and at the map. {@code -Drate} is requests per second: each visitor makes {@link #REQUESTS} of them.
 */
public class PublicBrowse extends Simulation {

    static final List<String> WORDS = List.of("поликлиника", "почта", "исполком", "школа", "больница", "аптека",
            "сад", "жэс", "банк", "библиотека", "гимназия", "отделение", "паликлиника", "вокзал");
    static final List<String> BBOXES = List.of("27.40,53.85,27.70,53.97", "23.1,51.2,32.8,56.2",
            "30.9,52.35,31.1,52.5", "23.6,52.0,24.0,52.2");
    /** Requests per visitor: 4 keystrokes, the page, a ranking, the map, the organisation's JSON. */
    static final int REQUESTS = 8;
    static final int P99_MS = Integer.getInteger("p99", 50);

    ScenarioBuilder visitors = scenario("Visitors")
            .feed(Stream.generate(() -> {
                String word = WORDS.get(ThreadLocalRandom.current().nextInt(WORDS.size()));
                int from = Math.min(2, word.length());
                List<String> prefixes = Stream.iterate(from, n -> n + 1).limit(4)
                        .map(n -> word.substring(0, Math.min(n + 1, word.length()))).toList();
                return Map.<String, Object>of("prefixes", prefixes, "org", LoadSettings.Organizations.skewed(),
                        "bbox", BBOXES.get(ThreadLocalRandom.current().nextInt(BBOXES.size())),
                        "sphere", 1 + ThreadLocalRandom.current().nextInt(32));
            }).iterator())
            .exec(foreach("#{prefixes}", "q").on(exec(http("search")
                    .get("/api/v1/organizations").queryParam("q", "#{q}").queryParam("size", "10")
                    .check(status().is(200)))))
            .exec(http("organization page").get("/o/#{org}").header("Accept", "text/html").check(status().is(200)))
            .exec(http("organization").get("/api/v1/organizations/#{org}").check(status().is(200)))
            .exec(http("ranking").get("/api/v1/rankings").queryParam("scope", "sphere").queryParam("id", "#{sphere}")
                    .check(status().is(200)))
            .exec(http("map").get("/api/v1/map/organizations").queryParam("bbox", "#{bbox}").check(status().is(200)));

    {
        double visitorsPerSecond = LoadSettings.RATE / REQUESTS;
        setUp(visitors.injectOpen(
                rampUsersPerSec(1).to(visitorsPerSecond).during(LoadSettings.RAMP),
                constantUsersPerSec(visitorsPerSecond).during(LoadSettings.DURATION)))
                .protocols(LoadSettings.api())
                .assertions(
                        global().failedRequests().count().is(0L),
                        details("search").responseTime().percentile(99.0).lt(P99_MS),
                        details("organization page").responseTime().percentile(99.0).lt(P99_MS));
    }
}

package by.ocenka.load;

import java.util.Map;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Citizens with a password arrive from a QR code at a desk: the rating form (HTML, with its styles and scripts, as a
 * phone loads it), log in through the API, take the CSRF token, rate, see the organisation's page with the new score;
 * one in ten tries a second rating the same day and must be refused with 409. {@code -Drate} is citizens per second.
 * Most citizens take the mailed code instead ({@link CitizenQrPeak}); this suite measures the password login's path.
 */
public class CitizenLoginPeak extends Simulation {

    static final int P99_MS = Integer.getInteger("p99", 200);

    ScenarioBuilder phones = scenario("Citizens from a QR code, with a password")
            .feed(Stream.generate(() -> Map.<String, Object>of("org", LoadSettings.Organizations.skewed())).iterator())
            .exec(http("rating form").get("/o/#{org}/rate")
                    .check(status().is(200), substring("score.OVERALL"))
                    .resources(
                            http("app.css").get("/css/app.css"),
                            http("app.js").get("/js/app.js"),
                            http("htmx.js").get("/webjars/htmx.org/dist/htmx.min.js"),
                            http("logo").get("/img/logo.svg")))
            .exec(Chains.LOG_IN)
            .exec(Chains.RATE)
            .exec(http("organization page").get("/o/#{org}")
                    .check(status().is(200), substring("live-score")))
            .exec(randomSwitch().on(percent(10.0).then(exec(http("second rating")
                    .post("/api/v1/organizations/#{org}/ratings").asJson()
                    .header("X-XSRF-TOKEN", "#{csrf}")
                    .body(StringBody(session -> LoadSettings.ratingBody()))
                    .check(status().is(409))))));

    {
        setUp(phones.injectOpen(LoadSettings.arrivals()))
                .protocols(LoadSettings.phones())
                .assertions(
                        global().failedRequests().count().is(0L),
                        details("submit rating").responseTime().percentile(99.0).lt(P99_MS));
    }
}

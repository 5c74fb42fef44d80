package by.ocenka.load;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.currentLocationRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Citizens arrive from a QR code at a desk and take the quick way in, as the rating form offers it: the form (HTML,
 * with its styles and scripts, as a phone loads it), the answers sent with an e-mail address (a new citizen each, so
 * the portal makes the account), the code read from the mail, typed into the code page, and the thanks page with the
 * rating counted. Each citizen comes from an address of its own, forwarded by the proxy in front ({@code run.sh}
 * trusts loopback), so the per-client limits see many clients as they would in life; the mail is read from the
 * portal's outbox ({@code /dev/mail?to=}, switched on by {@code run.sh}, answered to this machine only).
 * {@code -Drate} is citizens per second; {@code -Dp99} bounds the code step (the one that counts the rating).
 */
public class CitizenQrPeak extends Simulation {

    static final int P99_MS = Integer.getInteger("p99", 100);

    ScenarioBuilder phones = scenario("Citizens from a QR code, by a mailed code")
            .feed(Stream.generate(() -> Map.<String, Object>of(
                    "org", LoadSettings.Organizations.skewed(),
                    "email", "qr-" + UUID.randomUUID() + "@load.test",
                    "client", clientAddress())).iterator())
            .exec(http("rating form").get("/o/#{org}/rate").header("X-Forwarded-For", "#{client}")
                    .check(status().is(200), substring("score.OVERALL"),
                            regex("name=\"_csrf\" value=\"([^\"]+)\"").saveAs("csrf"))
                    .resources(
                            http("app.css").get("/css/app.css"),
                            http("app.js").get("/js/app.js"),
                            http("htmx.js").get("/webjars/htmx.org/dist/htmx.min.js"),
                            http("logo").get("/img/logo.svg")))
            .exec(http("send answers with an address").post("/o/#{org}/rate").header("X-Forwarded-For", "#{client}")
                    .formParam("_csrf", "#{csrf}")
                    .formParam("score.SIMPLICITY", session -> score())
                    .formParam("score.INFORMATION", session -> score())
                    .formParam("score.TIMELINESS", session -> score())
                    .formParam("score.POLITENESS", session -> score())
                    .formParam("score.OVERALL", session -> score())
                    .formParam("comment", "Нагрузочный тест: вход по коду")
                    .formParam("email", "#{email}")
                    // Followed to the code page, which shows the address the code went to.
                    .check(status().is(200), substring("#{email}")))
            .exec(http("read the mail").get("/dev/mail?to=#{email}").header("Accept", "application/json")
                    .check(status().is(200), jsonPath("$[0].text").transform(LoadSettings::mailedCode).saveAs("code")))
            .exec(http("type the code").post("/login/code").header("X-Forwarded-For", "#{client}")
                    .formParam("_csrf", "#{csrf}")
                    .formParam("email", "#{email}")
                    .formParam("code", "#{code}")
                    .formParam("next", "/o/#{org}/rate")
                    // Followed to the thanks page: the rating is counted.
                    .check(status().is(200), currentLocationRegex("/o/\\d+/rated/\\d+").exists(), substring("id=\"new-score\"")));

    {
        setUp(phones.injectOpen(LoadSettings.arrivals()))
                .protocols(LoadSettings.phones())
                .assertions(
                        global().failedRequests().count().is(0L),
                        details("type the code").responseTime().percentile(99.0).lt(P99_MS));
    }

    private static String score() {
        return String.valueOf(3 + ThreadLocalRandom.current().nextInt(3));
    }

    /** A client address of its own for each citizen (TEST-NET-style private range, never routed). */
    private static String clientAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}

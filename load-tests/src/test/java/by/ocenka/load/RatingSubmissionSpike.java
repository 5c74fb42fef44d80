package by.ocenka.load;

import java.util.Map;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Logged-in citizens submit ratings to organisations drawn with a realistic skew (a few busy ones, a long tail),
 * ramping to a peak and holding it. {@code -Drate} is ratings per second at the peak: each citizen logs in once and
 * rates {@code -DratingsPerCitizen} different organisations.
 */
public class RatingSubmissionSpike extends Simulation {

    static final int PER_CITIZEN = Integer.getInteger("ratingsPerCitizen", 10);
    static final double CITIZENS_PER_SECOND = LoadSettings.RATE / PER_CITIZEN;
    static final int P99_MS = Integer.getInteger("p99", 50);

    ScenarioBuilder citizens = scenario("Citizens rating")
            .feed(Stream.generate(() -> Map.<String, Object>of("orgs",
                    LoadSettings.Organizations.distinctSkewed(PER_CITIZEN))).iterator())
            .exec(Chains.LOG_IN)
            .exec(foreach("#{orgs}", "org").on(Chains.RATE));

    {
        setUp(citizens.injectOpen(
                rampUsersPerSec(1).to(CITIZENS_PER_SECOND).during(LoadSettings.RAMP),
                constantUsersPerSec(CITIZENS_PER_SECOND).during(LoadSettings.DURATION)))
                .protocols(LoadSettings.api())
                .assertions(
                        global().failedRequests().count().is(0L),
                        details("submit rating").responseTime().percentile(99.0).lt(P99_MS));
    }
}

package by.ocenka.load;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The cheapest answer the portal gives (the liveness probe: through every web filter, no storage), at the same
 * injection as the others: what this machine can serve at all, so each report can give its figures as a ratio.
 * {@code -Drate} is requests per second.
 */
public class Baseline extends Simulation {

    ScenarioBuilder probes = scenario("Liveness")
            .exec(http("liveness").get("/livez").check(status().is(200)));

    {
        setUp(probes.injectOpen(
                rampUsersPerSec(1).to(LoadSettings.RATE).during(LoadSettings.RAMP),
                constantUsersPerSec(LoadSettings.RATE).during(LoadSettings.DURATION)))
                .protocols(LoadSettings.api())
                .assertions(global().failedRequests().count().is(0L));
    }
}

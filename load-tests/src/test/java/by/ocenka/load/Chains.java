package by.ocenka.load;

import io.gatling.javaapi.core.ChainBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/** The steps the simulations share. */
final class Chains {

    private Chains() {
    }

    /**
     * A load-test citizen takes the CSRF token (every POST needs it, the login too) and logs in; the session cookie
     * stays with the virtual user.
     */
    static final ChainBuilder LOG_IN = feed(csv(LoadSettings.citizens().toString()).queue())
            .exec(http("csrf token").get("/api/v1/auth/csrf")
                    .check(status().is(200), jsonPath("$.token").saveAs("csrf")))
            .exec(http("log in").post("/api/v1/auth/login").asJson()
                    .header("X-XSRF-TOKEN", "#{csrf}")
                    .body(StringBody("{\"email\":\"#{email}\",\"password\":\"#{password}\"}"))
                    .check(status().is(200)));

    /** Rates {@code #{org}}: 201 and the organisation's new figures. */
    static final ChainBuilder RATE = exec(http("submit rating").post("/api/v1/organizations/#{org}/ratings").asJson()
            .header("X-XSRF-TOKEN", "#{csrf}")
            .body(StringBody(session -> LoadSettings.ratingBody()))
            .check(status().is(201), jsonPath("$.organization.ratingsCount").ofLong().gt(0L)));
}

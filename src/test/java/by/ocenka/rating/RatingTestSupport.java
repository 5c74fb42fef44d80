package by.ocenka.rating;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Citizens in bulk for rating tests: inserted with a plain-text password hash (cheap), then logged in over HTTP. */
public final class RatingTestSupport {

    /**
     * Threads for test clients that block on answers. On the application's bounded-elastic threads (the same JVM) they
     * could take every one of them while the server needs one (to check a password), and wait until they time out.
     */
    static final Scheduler CLIENTS = Schedulers.newBoundedElastic(64, Integer.MAX_VALUE, "test-clients");

    public static final Map<String, Integer> FIVES = Map.of("SIMPLICITY", 5, "INFORMATION", 5, "TIMELINESS", 5, "POLITENESS", 5, "OVERALL", 5);

    private RatingTestSupport() {
    }

    /**
     * Inserts {@code count} confirmed citizens {@code citizenN@load.test} with password {@code pw-N-secret}, accounts a
     * month old: many of them rating one organisation is what these tests measure, not a burst of new accounts
     * (FairPlayTest's matter).
     */
    public static List<Long> citizens(DatabaseClient db, int from, int count) {
        db.sql("""
                        WITH new_users AS (
                            INSERT INTO app_user (email, password_hash, display_name, email_confirmed_at, created_at)
                            SELECT 'citizen' || g || '@load.test', '{noop}pw-' || g || '-secret', 'Гражданин ' || g, now(),
                                   now() - interval '30 days'
                            FROM generate_series(:from, :to) g RETURNING id)
                        INSERT INTO user_role (user_id, role) SELECT id, 'CITIZEN' FROM new_users""")
                .bind("from", from).bind("to", from + count - 1).then().block(Duration.ofSeconds(60));
        return db.sql("SELECT id FROM app_user WHERE email LIKE 'citizen%@load.test' ORDER BY id")
                .map(r -> r.get("id", Long.class)).all().collectList().block();
    }

    /** Logs citizens {@code from .. from+count-1} in concurrently; clients carrying session and CSRF token. */
    public static List<WebTestClient> sessions(WebTestClient web, int from, int count) {
        String token = web.get().uri("/api/v1/auth/csrf").exchange().expectBody().returnResult()
                .getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        WebTestClient csrf = web.mutate().defaultCookie("XSRF-TOKEN", token).defaultHeader("X-XSRF-TOKEN", token).build();
        return Flux.range(from, count)
                .parallel(16).runOn(CLIENTS)
                .map(n -> {
                    String session = csrf.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("email", "citizen" + n + "@load.test", "password", "pw-" + n + "-secret"))
                            .exchange().expectStatus().isOk().expectBody().returnResult()
                            .getResponseCookies().getFirst("SESSION").getValue();
                    return Map.entry(n, csrf.mutate().defaultCookie("SESSION", session).build());
                })
                .sequential()
                .collectSortedList(Map.Entry.comparingByKey())
                .map(list -> {
                    List<WebTestClient> clients = new ArrayList<>();
                    list.forEach(e -> clients.add(e.getValue()));
                    return clients;
                })
                .block(Duration.ofMinutes(3));
    }

    public static Map<String, Object> body(Map<String, Integer> scores) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scores", scores);
        return body;
    }
}

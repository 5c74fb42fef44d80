package by.ocenka.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.platform.RouteAccessTest.Access;
import by.ocenka.platform.RouteAccessTest.Caller;
import by.ocenka.support.AccessProbe;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.RawHttp;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defence in depth: with the security chain's rules gone (a chain that lets everything through, as a forgotten rule or
 * a skipped filter would), every handler of a moderator's, an admin's, a cabinet's or a signed-in citizen's route still
 * refuses a caller it is not for: 401 without a user (never a 500), 403 (or 404) for the wrong one.
 */
// Every route is tried once per caller: more writes by one user than a minute's limit allows (a 429 is no verdict).
@TestPropertySource(properties = "ocenka.security.write-limit.per-user=1000000")
@Import(HandlerChecksTest.OpenChain.class)
class HandlerChecksTest extends IntegrationTest {

    /** The first chain, matching everything: session users known, no rule, no CSRF check. */
    @TestConfiguration
    static class OpenChain {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityWebFilterChain everythingOpen(ServerHttpSecurity http, ServerSecurityContextRepository contexts) {
            return http.securityMatcher(ServerWebExchangeMatchers.anyExchange())
                    .securityContextRepository(contexts)
                    .csrf(ServerHttpSecurity.CsrfSpec::disable)
                    .authorizeExchange(rules -> rules.anyExchange().permitAll())
                    .build();
        }
    }

    @Autowired
    CatalogDemoData demo;

    @LocalServerPort
    int port;

    @Test
    void everyProtectedHandlerChecksItsCallerItself() {
        Subtrees tree = Subtrees.load(demo, db);
        AccessProbe probe = new AccessProbe(port, accounts);
        Map<Caller, Map<String, String>> callers = Map.of(Caller.ANONYMOUS, probe.anonymous(),
                Caller.CITIZEN, probe.signedIn(Role.CITIZEN, null),
                Caller.OTHER_STAFF, probe.signedIn(Role.ORG_ADMIN, tree.outside()));
        // A questionnaire of the organisation the routes name (for replies and complaints), rated through the API.
        Map<String, String> rater = new HashMap<>(probe.signedIn(Role.CITIZEN, null));
        rater.put("Content-Type", "application/json");
        RawHttp.Answer rated = RawHttp.send(port, "POST", "/api/v1/organizations/" + tree.unit() + "/ratings", rater,
                "{\"scores\":{\"SIMPLICITY\":5,\"INFORMATION\":5,\"TIMELINESS\":5,\"POLITENESS\":5,\"OVERALL\":5},"
                        + "\"comment\":\"Спасибо\"}");
        assertThat(rated.status()).as(rated.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(rated.body());
        assertThat(id.find()).isTrue();
        long questionnaire = Long.parseLong(id.group(1));
        Map<String, String> values = Map.of("organization", String.valueOf(tree.unit()), "questionnaire",
                String.valueOf(questionnaire));
        List<String> wrong = new ArrayList<>();
        RouteAccessTest.TABLE.forEach((route, access) -> {
            if (access == Access.PUBLIC || RouteAccessTest.SESSION_ENDING.contains(route)) {
                return;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = RouteAccessTest.concrete(route.substring(method.length() + 1), values);
            callers.forEach((caller, headers) -> {
                if (RouteAccessTest.allows(access, caller)) {
                    return;
                }
                RawHttp.Answer answer = probe.send(method, path, headers, Map.of());
                String verdict = RouteAccessTest.judge(answer, false, path);
                if (verdict != null) {
                    wrong.add(route + " as " + caller + ": " + verdict);
                }
            });
        });
        assertThat(wrong).as("handlers that let a caller in when the chain does not stop them").isEmpty();
    }
}

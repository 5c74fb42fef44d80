package by.ocenka.account;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions are kept in Redis as JSON (issue 14): what a login writes is readable JSON with no Java serialisation, it
 * is read back into the same user with the same roles and organisations, and a value planted in Redis that names a
 * class off the list, or Java-serialised bytes, is not instantiated: the request is anonymous, never a 500.
 */
class JsonSessionsTest extends IntegrationTest {

    private static final String CONTEXT = "sessionAttr:SPRING_SECURITY_CONTEXT";

    private String logIn(String email, String password) {
        return withCsrf().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("SESSION").getValue();
    }

    private static ByteBuffer key(String session) {
        return ByteBuffer.wrap(("ocenka:session:json:sessions:" + session).getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, byte[]> stored(String session) {
        Map<String, byte[]> values = new LinkedHashMap<>();
        redis.getReactiveConnection().hashCommands().hGetAll(key(session)).doOnNext(entry -> {
            byte[] value = new byte[entry.getValue().remaining()];
            entry.getValue().get(value);
            values.put(StandardCharsets.UTF_8.decode(entry.getKey()).toString(), value);
        }).blockLast(Duration.ofSeconds(10));
        return values;
    }

    private void plant(String session, byte[] value) {
        redis.getReactiveConnection().hashCommands()
                .hSet(key(session), ByteBuffer.wrap(CONTEXT.getBytes(StandardCharsets.UTF_8)), ByteBuffer.wrap(value))
                .block(Duration.ofSeconds(10));
        clearCaches(); // the instance's memory of the session would otherwise answer before Redis is read
    }

    private WebTestClient.ResponseSpec me(String session) {
        return web.get().uri("/api/v1/me").cookie("SESSION", session).exchange();
    }

    @Test
    void aLoginIsStoredAsJsonAndReadBackWhole() {
        accounts.create("maria@example.by", "Grodno-old-town-1128", "Мария", true, Role.MODERATOR, null).block();
        String session = logIn("maria@example.by", "Grodno-old-town-1128");

        Map<String, byte[]> values = stored(session);
        assertThat(values).containsKeys("creationTime", "lastAccessedTime", "maxInactiveInterval", CONTEXT);
        JsonMapper json = JsonMapper.builder().build();
        values.forEach((name, value) -> {
            assertThat(value[0]).as(name + " is not Java-serialised").isNotEqualTo((byte) 0xAC);
            json.readTree(value); // every value parses as JSON
        });
        JsonNode context = json.readTree(values.get(CONTEXT));
        assertThat(context.toString()).contains("maria@example.by", "Мария", "ROLE_MODERATOR")
                .doesNotContain("Grodno-old-town-1128");

        // Read back from Redis (not from the instance's memory): the same user, the same role.
        clearCaches();
        me(session).expectStatus().isOk().expectBody()
                .jsonPath("$.email").isEqualTo("maria@example.by")
                .jsonPath("$.roles[0]").isEqualTo("MODERATOR");
        web.get().uri("/api/v1/moderation/organization-requests").cookie("SESSION", session).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aPlantedTypeOffTheListIsNotInstantiatedAndTheRequestIsAnonymous() throws Exception {
        accounts.create("ales@example.by", "Brest-fortress-1065", "Алесь", true, Role.CITIZEN, null).block();
        String session = logIn("ales@example.by", "Brest-fortress-1065");
        me(session).expectStatus().isOk();

        // A type that is not on the list, where the security context belongs.
        plant(session, "[\"java.net.URL\",\"http://127.0.0.1:1/\"]".getBytes(StandardCharsets.UTF_8));
        me(session).expectStatus().isUnauthorized();

        // Java-serialised bytes, as a session of an earlier version (or an attacker) would leave them.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of("x")));
        }
        plant(session, bytes.toByteArray());
        me(session).expectStatus().isUnauthorized();

        // A fresh login still works.
        me(logIn("ales@example.by", "Brest-fortress-1065")).expectStatus().isOk();
    }
}

package by.ocenka.account.social;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A social login provider on loopback, for the tests: a token endpoint that trades one known code for a token, and
 * a user-info endpoint that answers one profile for that token. It records what the portal sent, as a real
 * provider would see it. (An equivalent of WireMock, on the Reactor Netty the portal already has.)
 */
final class FakeOAuthProvider implements AutoCloseable {

    record Call(String method, String path, String query, String body, String authorization) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final DisposableServer server;
    /** The token response, which an OpenID Connect test writes once it knows the nonce the portal sent. */
    private volatile String tokenJson;
    /** The keys its ID tokens are signed with (OpenID Connect), at {@code /jwks}. */
    volatile String jwks = "{\"keys\":[]}";

    /**
     * @param code        the authorization code it accepts
     * @param tokenJson   the token response for that code
     * @param userInfoJson the user-info response for the token
     * @param token       the access token the user-info endpoint accepts (header or query)
     */
    FakeOAuthProvider(String code, String tokenJson, String userInfoJson, String token) {
        this.tokenJson = tokenJson;
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .post("/token", (request, response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8)
                                .defaultIfEmpty("")
                                .flatMap(body -> {
                                    calls.add(new Call("POST", "/token", "", body, request.requestHeaders().get("Authorization")));
                                    boolean ok = form(body).getOrDefault("code", "").equals(code);
                                    return response.status(ok ? 200 : 400).header("Content-Type", "application/json")
                                            .sendString(Mono.just(ok ? this.tokenJson : "{\"error\":\"invalid_grant\"}")).then();
                                }))
                        .get("/jwks", (request, response) -> response.header("Content-Type", "application/json")
                                .sendString(Mono.just(jwks)))
                        .get("/userinfo", (request, response) -> {
                            String query = request.uri().contains("?") ? request.uri().substring(request.uri().indexOf('?') + 1) : "";
                            String authorization = request.requestHeaders().get("Authorization");
                            calls.add(new Call("GET", "/userinfo", query, "", authorization));
                            boolean ok = ("Bearer " + token).equals(authorization)
                                    || form(query).getOrDefault("access_token", "").equals(token);
                            return response.status(ok ? 200 : 401).header("Content-Type", "application/json")
                                    .sendString(Mono.just(ok ? userInfoJson : "{\"error\":\"invalid_token\"}"));
                        }))
                .bindNow();
    }

    void respondWith(String tokenJson) {
        this.tokenJson = tokenJson;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    static Map<String, String> form(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}

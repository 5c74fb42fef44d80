package by.ocenka.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import by.ocenka.account.AccountService;
import by.ocenka.account.Role;
import org.springframework.http.MediaType;

/**
 * Requests as callers of each kind send them, over a plain socket ({@link RawHttp}): an anonymous visitor with a CSRF
 * token, and signed-in accounts of a role (a refusal is then about access, never about the token).
 */
public record AccessProbe(int port, AccountService accounts) {

    public RawHttp.Answer send(String method, String path, Map<String, String> caller, Map<String, String> more) {
        Map<String, String> headers = new LinkedHashMap<>(caller);
        headers.putAll(more);
        headers.put("Accept", "application/json, text/html;q=0.9, */*;q=0.8");
        boolean body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        // What the route reads: a registry import and the history import are CSV, everything else JSON (a form tolerates it).
        boolean csv = path.endsWith("/registry-imports") || path.equals("/api/v1/admin/imports/questionnaires");
        if (body) {
            headers.put("Content-Type", csv ? "text/csv" : MediaType.APPLICATION_JSON_VALUE);
        }
        return RawHttp.send(port, method.equals("*") ? "GET" : method, path, headers, body ? (csv ? "name\n" : "{}") : null);
    }

    /** An anonymous visitor with a CSRF token (so that a refusal is about access, not the token). */
    public Map<String, String> anonymous() {
        RawHttp.Answer csrf = RawHttp.send(port, "GET", "/api/v1/auth/csrf", Map.of(), null);
        if (csrf.header("Set-Cookie") == null) {
            return Map.of("Cookie", "XSRF-TOKEN=none"); // no CSRF protection to satisfy (a test's open chain)
        }
        String token = cookie(csrf, "XSRF-TOKEN");
        return Map.of("Cookie", "XSRF-TOKEN=" + token, "X-XSRF-TOKEN", token);
    }

    public Map<String, String> signedIn(Role role, Long organization) {
        String email = role.name().toLowerCase() + "-" + System.nanoTime() + "@access.test";
        accounts.create(email, "correct horse battery staple", "Проверка " + role, true, role, organization)
                .block(Duration.ofSeconds(30));
        Map<String, String> anonymous = anonymous();
        Map<String, String> headers = new LinkedHashMap<>(anonymous);
        headers.put("Content-Type", MediaType.APPLICATION_JSON_VALUE);
        RawHttp.Answer login = RawHttp.send(port, "POST", "/api/v1/auth/login", headers,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\"}");
        assertThat(login.status()).as("login of " + email).isEqualTo(200);
        Map<String, String> signedIn = new LinkedHashMap<>(anonymous);
        signedIn.put("Cookie", anonymous.get("Cookie") + "; SESSION=" + cookie(login, "SESSION"));
        return signedIn;
    }

    private static String cookie(RawHttp.Answer answer, String name) {
        String header = answer.header("Set-Cookie");
        assertThat(header).as("Set-Cookie " + name).isNotNull();
        for (String cookie : header.split("\n")) {
            if (cookie.startsWith(name + "=")) {
                return cookie.substring(name.length() + 1, cookie.indexOf(';') > 0 ? cookie.indexOf(';') : cookie.length());
            }
        }
        throw new AssertionError("no " + name + " in " + header);
    }

}

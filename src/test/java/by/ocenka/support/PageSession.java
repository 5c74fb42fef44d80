package by.ocenka.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A browser without JavaScript, over HTTP: keeps cookies, sends forms with the CSRF token the pages put in them,
 * does not follow redirects (tests look at them).
 */
public final class PageSession {

    public record Page(HttpStatusCode status, String location, String body) {
        public boolean contains(String text) {
            return body != null && body.contains(text);
        }
    }

    private final WebTestClient web;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String language = "ru";

    public PageSession(WebTestClient web) {
        this.web = web;
    }

    public PageSession language(String language) {
        this.language = language;
        return this;
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public Page get(String path) {
        return keep(web.get().uri(path).accept(MediaType.TEXT_HTML).header("Accept-Language", language)
                .cookies(c -> cookies.forEach(c::add)).exchange().expectBody(String.class).returnResult());
    }

    /** Posts a form as a browser would, with the {@code _csrf} field from the token cookie. */
    public Page post(String path, Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        String token = cookies.get("XSRF-TOKEN");
        if (token != null && !fields.containsKey("_csrf")) {
            form.add("_csrf", token);
        }
        return keep(web.post().uri(path).accept(MediaType.TEXT_HTML).header("Accept-Language", language)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .cookies(c -> cookies.forEach(c::add)).bodyValue(form).exchange().expectBody(String.class).returnResult());
    }

    private Page keep(EntityExchangeResult<String> result) {
        for (ResponseCookie cookie : result.getResponseCookies().toSingleValueMap().values()) {
            if (cookie.getValue().isEmpty() || cookie.getMaxAge().isZero()) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        String location = result.getResponseHeaders().getLocation() == null ? null
                : result.getResponseHeaders().getLocation().toString();
        return new Page(result.getStatus(), location, result.getResponseBody());
    }
}

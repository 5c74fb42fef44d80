package by.ocenka.rating.pages;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import by.ocenka.catalog.PosterSource;
import by.ocenka.platform.Sessions;
import org.springframework.http.ResponseCookie;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The answers of visitors not signed in yet, kept in the session while they sign in: by organisation, the last few
 * only, the form's own fields within their limits only (Redis keeps sessions, and it must not fill). A cookie tells
 * the form that the session holds a draft, so that it reads the session only then.
 */
final class RatingDrafts {

    private static final String DRAFTS = "ocenka.rating-drafts";
    private static final String DRAFT_COOKIE = "ocenka-draft";
    private static final int DRAFTS_PER_SESSION = 3;
    private static final int MAX_SCORES = 20;
    private static final Pattern SCORE_FIELD = Pattern.compile("score\\.[A-Z][A-Z0-9_]{1,31}");
    private static final Pattern SCORE_VALUE = Pattern.compile("[1-5]");

    private RatingDrafts() {
    }

    /** Keeps the answers for the organisation (the newest of a few) and marks the browser as holding a draft. */
    static Mono<Void> keep(ServerWebExchange exchange, long id, MultiValueMap<String, String> form) {
        Map<String, String> draft = draftOf(form);
        exchange.getResponse().addCookie(ResponseCookie.from(DRAFT_COOKIE, "1").path("/").httpOnly(true).sameSite("Lax").build());
        return exchange.getSession().doOnNext(session -> {
            LinkedHashMap<String, Map<String, String>> drafts = drafts(session);
            drafts.remove(String.valueOf(id));
            drafts.put(String.valueOf(id), draft);
            while (drafts.size() > DRAFTS_PER_SESSION) {
                drafts.remove(drafts.keySet().iterator().next());
            }
            session.getAttributes().put(DRAFTS, drafts);
        }).then();
    }

    /** The organisation's draft, taken out of the session (empty when there is none). */
    static Mono<Map<String, String>> take(ServerWebExchange exchange, long id) {
        if (!exchange.getRequest().getCookies().containsKey(DRAFT_COOKIE)) {
            return Mono.empty();
        }
        return Sessions.existing(exchange).flatMap(session -> {
            LinkedHashMap<String, Map<String, String>> drafts = drafts(session);
            Map<String, String> draft = drafts.remove(String.valueOf(id));
            if (draft != null) {
                session.getAttributes().put(DRAFTS, drafts);
            }
            if (drafts.isEmpty()) {
                exchange.getResponse().addCookie(ResponseCookie.from(DRAFT_COOKIE, "").path("/").maxAge(0).build());
            }
            return Mono.justOrEmpty(draft);
        });
    }

    /** The drafts by organisation id, oldest first; the ids are text, as JSON keeps a map's keys in the session. */
    @SuppressWarnings("unchecked")
    private static LinkedHashMap<String, Map<String, String>> drafts(WebSession session) {
        Object stored = session.getAttributes().get(DRAFTS);
        return stored instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Map<String, String>>) map)
                : new LinkedHashMap<>();
    }

    static Map<String, String> draftOf(MultiValueMap<String, String> form) {
        HashMap<String, String> draft = new HashMap<>();
        form.toSingleValueMap().forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (SCORE_FIELD.matcher(name).matches() && SCORE_VALUE.matcher(value.strip()).matches()
                    && draft.size() < MAX_SCORES) {
                draft.put(name, value.strip());
            } else if (name.equals("serviceName") || name.equals("comment")) {
                int limit = name.equals("comment") ? 2000 : 200;
                draft.put(name, value.length() > limit ? value.substring(0, limit) : value);
            } else if (name.equals("serviceDate") && value.length() <= 10) {
                draft.put(name, value);
            } else if (name.equals("serviceId") && value.matches("[0-9]{1,18}|other")) {
                draft.put(name, value);
            } else if (name.equals("employee")) {
                draft.put(name, value.length() > 120 ? value.substring(0, 120) : value);
            } else if (name.equals("source") && PosterSource.label(value) != null) {
                // The poster the form was opened from: a rating sent after signing in still counts for it.
                draft.put(name, PosterSource.label(value));
            }
        });
        return draft;
    }
}

package by.ocenka.web.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;

/**
 * The public reads that {@link PublicReadCache} keeps rendered, and how old each may get before it is rendered again in
 * the background. An organisation's own page, rating form, detail and reviews are also rendered again as soon as its
 * figures change; lists that show many organisations' figures (search, rankings, the home page) are kept only a few
 * seconds.
 */
final class CachedRoutes {

    /** A kept read: its answer's type, how old it may get, and which path group (if any) is the organisation. */
    record Route(MediaType type, Duration maxAge, boolean organization) {
    }

    /** A request's route and the organisation it is about ({@code -1} for none). */
    record Match(Route route, long organizationId) {
    }

    private static final Route LIST_PAGE = new Route(MediaType.TEXT_HTML, Duration.ofSeconds(5), false);
    private static final Route STILL_PAGE = new Route(MediaType.TEXT_HTML, Duration.ofMinutes(1), false);
    // An organisation's own pages change with its figures (rendered again at once); what else they show (ranks among
    // the others, the year's reply share) may be minutes old. A minute made every kept page of the long tail render
    // again each minute it was read: thousands of renders a minute, measured as half the cores under the load suites.
    private static final Route ORGANIZATION_PAGE = new Route(MediaType.TEXT_HTML, Duration.ofMinutes(5), true);
    private static final Route LIST_JSON = new Route(MediaType.APPLICATION_JSON, Duration.ofSeconds(2), false);
    private static final Route STILL_JSON = new Route(MediaType.APPLICATION_JSON, Duration.ofMinutes(1), false);
    private static final Route ORGANIZATION_JSON = new Route(MediaType.APPLICATION_JSON, Duration.ofMinutes(5), true);
    private static final Route CHILDREN_JSON = new Route(MediaType.APPLICATION_JSON, Duration.ofSeconds(5), true);

    private static final Map<String, Route> FIXED = Map.ofEntries(
            Map.entry("/", LIST_PAGE), Map.entry("/search", LIST_PAGE), Map.entry("/rating", LIST_PAGE),
            Map.entry("/map", STILL_PAGE), Map.entry("/infographics", STILL_PAGE),
            Map.entry("/api/v1/organizations", LIST_JSON), Map.entry("/api/v1/rankings", LIST_JSON),
            Map.entry("/api/v1/spheres", STILL_JSON), Map.entry("/api/v1/regions", STILL_JSON),
            Map.entry("/api/v1/stats", STILL_JSON),
            // The map shows the reconciler's copies of the figures (minutes old anyway).
            Map.entry("/api/v1/map/organizations", STILL_JSON));

    private static final Pattern PAGE = Pattern.compile("^/o/(\\d{1,18})(/rate)?$");
    private static final Pattern JSON = Pattern.compile("^/api/v1/organizations/(\\d{1,18})(/reviews|/children)?$");

    private CachedRoutes() {
    }

    /** The route of a path, or null when its answers are not kept. */
    static Match match(String path) {
        Route fixed = FIXED.get(path);
        if (fixed != null) {
            return new Match(fixed, -1);
        }
        Matcher page = PAGE.matcher(path);
        if (page.matches()) {
            return new Match(ORGANIZATION_PAGE, Long.parseLong(page.group(1)));
        }
        Matcher json = JSON.matcher(path);
        if (json.matches()) {
            return new Match("/children".equals(json.group(2)) ? CHILDREN_JSON : ORGANIZATION_JSON,
                    Long.parseLong(json.group(1)));
        }
        return null;
    }

    /** The rating form of an organisation ({@code /o/{id}/rate}): the one kept page a logged-in visitor gets. */
    static boolean isRatingForm(String path) {
        Matcher page = PAGE.matcher(path);
        return page.matches() && page.group(2) != null;
    }

    static List<Route> routes() {
        return List.of(LIST_PAGE, STILL_PAGE, ORGANIZATION_PAGE, LIST_JSON, STILL_JSON, ORGANIZATION_JSON, CHILDREN_JSON);
    }
}

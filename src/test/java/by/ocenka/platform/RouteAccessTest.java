package by.ocenka.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.AccessProbe;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.RawHttp;
import by.ocenka.support.ServedRoutes;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access table: every route the application serves (read from its handler mappings, not kept by hand) is
 * classified here as public, for anyone signed in, for an organisation's staff, for moderators or for the portal's
 * admin, and every class of caller gets what its class allows: the route's answer, or a refusal (401, 403, 404, or the
 * login page for a page). Every protected route is tried again with the path written otherwise (encoded letters,
 * {@code %2F}, {@code //}, {@code /./}, {@code ;params}, a trailing slash, another case, {@code X-Forwarded-Prefix}):
 * none of them may let in a caller the plain path refuses. A route added without a class fails the build; the table
 * is written to docs/SECURITY.md ("Who may use which route"), which must match it.
 */
@TestPropertySource(properties = "ocenka.security.write-limit.per-user=1000000")
class RouteAccessTest extends IntegrationTest {

    /** Who may use a route. */
    enum Access {
        /** anyone, signed in or not */
        PUBLIC,
        /** anyone signed in */
        SIGNED_IN,
        /** organisation staff (either role) or the portal admin; the route names no organisation */
        STAFF,
        /** the staff of the organisation the route names (or of a body above it) and the portal admin */
        STAFF_OF_IT,
        /** moderators and the portal admin */
        MODERATOR,
        /** the portal admin */
        ADMIN
    }

    /** The callers each route is tried with. */
    enum Caller { ANONYMOUS, CITIZEN, OTHER_STAFF, OWN_STAFF, MODERATOR, ADMIN }

    /**
     * The access table. The security filter's own routes (social login's redirects and callbacks) are not handler
     * mappings; they are listed at the end and tried as well.
     */
    static final Map<String, Access> TABLE = new TreeMap<>(Map.ofEntries(
            // public pages, files and JSON
            Map.entry("GET /", Access.PUBLIC), Map.entry("GET /search", Access.PUBLIC), Map.entry("GET /rating", Access.PUBLIC),
            Map.entry("GET /map", Access.PUBLIC), Map.entry("GET /infographics", Access.PUBLIC),
            Map.entry("GET /o/{id}", Access.PUBLIC), Map.entry("GET /o/{id}/rate", Access.PUBLIC),
            Map.entry("GET /o/{id}/badge.svg", Access.PUBLIC), Map.entry("GET /o/{id}/reviews.atom", Access.PUBLIC),
            Map.entry("GET /open-data", Access.PUBLIC), Map.entry("GET /open-data/{file:[a-z]+\\.(?:csv|json)}", Access.PUBLIC),
            Map.entry("GET /polls", Access.PUBLIC), Map.entry("GET /polls/{id}", Access.PUBLIC),
            Map.entry("GET /polls/{id}/results", Access.PUBLIC), Map.entry("POST /polls/{id}", Access.PUBLIC),
            Map.entry("GET /feedback", Access.PUBLIC), Map.entry("POST /feedback", Access.PUBLIC),
            Map.entry("GET /help", Access.PUBLIC), Map.entry("GET /help/organizations", Access.PUBLIC), Map.entry("GET /about", Access.PUBLIC),
            Map.entry("GET /complaints/{questionnaireId}", Access.PUBLIC), Map.entry("POST /complaints/{questionnaireId}", Access.PUBLIC),

            Map.entry("GET /login", Access.PUBLIC), Map.entry("POST /login", Access.PUBLIC),
            Map.entry("GET /login/code", Access.PUBLIC), Map.entry("POST /login/code", Access.PUBLIC),
            Map.entry("POST /login/code/send", Access.PUBLIC), Map.entry("GET /login/social/{provider}", Access.PUBLIC),
            Map.entry("POST /login/certificate", Access.PUBLIC), Map.entry("POST /api/v1/auth/certificate", Access.PUBLIC),
            Map.entry("POST /logout", Access.PUBLIC),
            Map.entry("GET /register", Access.PUBLIC), Map.entry("POST /register", Access.PUBLIC),
            Map.entry("GET /confirm", Access.PUBLIC), Map.entry("POST /confirm", Access.PUBLIC),
            Map.entry("GET /confirm/done", Access.PUBLIC), Map.entry("GET /password-reset", Access.PUBLIC),
            Map.entry("POST /password-reset", Access.PUBLIC), Map.entry("POST /password-reset/confirm", Access.PUBLIC),
            Map.entry("GET /api/v1/spheres", Access.PUBLIC), Map.entry("GET /api/v1/regions", Access.PUBLIC),
            Map.entry("GET /api/v1/organizations", Access.PUBLIC), Map.entry("GET /api/v1/organizations/{id}", Access.PUBLIC),
            Map.entry("GET /api/v1/organizations/{id}/children", Access.PUBLIC),
            Map.entry("GET /api/v1/organizations/{id}/services", Access.PUBLIC),
            Map.entry("GET /api/v1/organizations/{id}/reviews", Access.PUBLIC),
            Map.entry("GET /api/v1/organizations/{id}/themes", Access.PUBLIC),
            Map.entry("GET /api/v1/organizations/{id}/improvements", Access.PUBLIC),
            Map.entry("GET /api/v1/organizations/{id}/qr", Access.PUBLIC),
            Map.entry("GET /api/v1/organizations/{id}/events", Access.PUBLIC),
            Map.entry("GET /api/v1/map/organizations", Access.PUBLIC), Map.entry("GET /api/v1/rankings", Access.PUBLIC),
            Map.entry("GET /api/v1/stats", Access.PUBLIC), Map.entry("GET /api/v1/moderation-figures", Access.PUBLIC),
            Map.entry("GET /api/v1/surveys", Access.PUBLIC), Map.entry("GET /api/v1/surveys/{id}/results", Access.PUBLIC),
            Map.entry("GET /api/v1/surveys/{id}/results.csv", Access.PUBLIC),
            Map.entry("POST /api/v1/surveys/{id}/responses", Access.PUBLIC),
            Map.entry("GET /api/v1/open-data", Access.PUBLIC), Map.entry("POST /api/v1/feedback", Access.PUBLIC),
            Map.entry("POST /api/v1/reviews/{questionnaireId}/complaints", Access.PUBLIC),
            Map.entry("GET /api/v1/auth/csrf", Access.PUBLIC), Map.entry("POST /api/v1/auth/register", Access.PUBLIC),
            Map.entry("POST /api/v1/auth/confirm", Access.PUBLIC), Map.entry("POST /api/v1/auth/login", Access.PUBLIC),
            Map.entry("POST /api/v1/auth/logout", Access.PUBLIC), Map.entry("POST /api/v1/auth/password-reset", Access.PUBLIC),
            Map.entry("POST /api/v1/auth/password-reset/confirm", Access.PUBLIC),
            Map.entry("POST /api/v1/auth/email-code", Access.PUBLIC), Map.entry("POST /api/v1/auth/email-code/verify", Access.PUBLIC),
            Map.entry("GET /dev/mail", Access.PUBLIC),
            Map.entry("GET /livez", Access.PUBLIC), Map.entry("GET /readyz", Access.PUBLIC),
            Map.entry("GET /v3/api-docs", Access.PUBLIC), Map.entry("GET /v3/api-docs.yaml", Access.PUBLIC),
            Map.entry("GET /v3/api-docs/swagger-config", Access.PUBLIC), Map.entry("GET /swagger-ui.html", Access.PUBLIC),
            Map.entry("GET /webjars/**", Access.PUBLIC), Map.entry("GET /**", Access.PUBLIC),
            // anyone signed in
            Map.entry("GET /api/v1/me", Access.SIGNED_IN), Map.entry("PATCH /api/v1/me", Access.SIGNED_IN),
            Map.entry("DELETE /api/v1/me", Access.SIGNED_IN), Map.entry("POST /api/v1/me/password", Access.SIGNED_IN),
            Map.entry("GET /api/v1/me/invitations", Access.SIGNED_IN),
            Map.entry("POST /api/v1/me/invitations/{id}/accept", Access.SIGNED_IN),
            Map.entry("POST /api/v1/me/invitations/{id}/decline", Access.SIGNED_IN),
            Map.entry("GET /api/v1/me/certificates", Access.SIGNED_IN), Map.entry("POST /api/v1/me/certificates", Access.SIGNED_IN),
            Map.entry("DELETE /api/v1/me/certificates/{fingerprint}", Access.SIGNED_IN),
            Map.entry("GET /api/v1/me/ratings", Access.SIGNED_IN),
            Map.entry("GET /api/v1/me/organization-requests", Access.SIGNED_IN),
            Map.entry("POST /api/v1/organization-requests", Access.SIGNED_IN),
            Map.entry("POST /api/v1/organizations/{id}/ratings", Access.SIGNED_IN),
            // (a visitor not signed in is sent to sign in, the answers kept for afterwards)
            Map.entry("POST /o/{id}/rate", Access.SIGNED_IN),
            // (the thanks after a rating: the citizen's own questionnaire; a visitor is asked to sign in)
            Map.entry("GET /o/{id}/rated/{questionnaireId}", Access.SIGNED_IN),
            Map.entry("GET /account", Access.SIGNED_IN), Map.entry("POST /account/name", Access.SIGNED_IN),
            Map.entry("GET /account/ratings", Access.SIGNED_IN),
            Map.entry("POST /account/ratings/{questionnaireId}/reply-feedback", Access.SIGNED_IN),
            Map.entry("POST /api/v1/me/ratings/{questionnaireId}/reply-feedback", Access.SIGNED_IN), Map.entry("POST /account/password", Access.SIGNED_IN),
            Map.entry("POST /account/password/set", Access.SIGNED_IN),
            Map.entry("GET /organizations/new", Access.SIGNED_IN), Map.entry("POST /organizations/new", Access.SIGNED_IN),
            Map.entry("POST /account/delete", Access.SIGNED_IN), Map.entry("POST /account/notifications", Access.SIGNED_IN),
            Map.entry("POST /account/invitations/{id}/accept", Access.SIGNED_IN),
            Map.entry("POST /account/invitations/{id}/decline", Access.SIGNED_IN),
            Map.entry("POST /account/certificates", Access.SIGNED_IN),
            Map.entry("POST /account/certificates/{fingerprint}/unlink", Access.SIGNED_IN),
            // organisation staff
            Map.entry("GET /cabinet", Access.STAFF), Map.entry("GET /api/v1/cabinet/organizations", Access.STAFF),
            Map.entry("POST /api/v1/cabinet/replies", Access.STAFF),
            Map.entry("GET /api/v1/cabinet/alerts", Access.STAFF), Map.entry("PUT /api/v1/cabinet/alerts", Access.STAFF),
            Map.entry("POST /api/v1/cabinet/questionnaires/{id}/reply", Access.STAFF_OF_IT),
            Map.entry("PUT /api/v1/cabinet/questionnaires/{id}/reply", Access.STAFF_OF_IT),
            Map.entry("POST /api/v1/cabinet/questionnaires/{id}/review-requests", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/questionnaires/{questionnaireId}/review", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/questionnaires/{questionnaireId}/reply", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/questionnaires/{questionnaireId}/reply/correct", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/settings/alerts", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/replies", Access.STAFF_OF_IT),
            Map.entry("GET /cabinet/{id}/reply-templates", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/reply-templates", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/reply-templates/{templateId}", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/reply-templates/{templateId}/remove", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/reply-templates", Access.STAFF_OF_IT),
            Map.entry("GET /cabinet/{id}/themes", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/improvements", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/themes", Access.STAFF_OF_IT),
            Map.entry("POST /api/v1/cabinet/organizations/{id}/improvements", Access.STAFF_OF_IT),
            Map.entry("PUT /api/v1/cabinet/organizations/{id}/reply-templates", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/settings/criteria", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/settings/criteria/{code}/remove", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/settings/staff", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/settings/staff/{userId}/remove", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/settings/invitations/{invitationId}/withdraw", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/settings/certificates/{fingerprint}/remove", Access.STAFF_OF_IT),
            Map.entry("GET /cabinet/{id}", Access.STAFF_OF_IT), Map.entry("GET /cabinet/{id}/settings", Access.STAFF_OF_IT),
            Map.entry("GET /cabinet/{id}/profile", Access.STAFF_OF_IT), Map.entry("POST /cabinet/{id}/profile", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/profile", Access.STAFF_OF_IT),
            Map.entry("PUT /api/v1/cabinet/organizations/{id}/profile", Access.STAFF_OF_IT),
            Map.entry("POST /cabinet/{id}/change-requests", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/change-requests", Access.STAFF_OF_IT),
            Map.entry("POST /api/v1/cabinet/organizations/{id}/change-requests", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/questionnaires", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/events", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/analytics", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/export", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/poster", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/posters", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/criteria", Access.STAFF_OF_IT),
            Map.entry("PUT /api/v1/cabinet/organizations/{id}/criteria", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/audit", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/staff", Access.STAFF_OF_IT),
            Map.entry("POST /api/v1/cabinet/organizations/{id}/staff", Access.STAFF_OF_IT),
            Map.entry("DELETE /api/v1/cabinet/organizations/{id}/staff/{userId}", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/invitations", Access.STAFF_OF_IT),
            Map.entry("DELETE /api/v1/cabinet/organizations/{id}/invitations/{invitationId}", Access.STAFF_OF_IT),
            Map.entry("GET /api/v1/cabinet/organizations/{id}/certificates", Access.STAFF_OF_IT),
            Map.entry("DELETE /api/v1/cabinet/organizations/{id}/certificates/{fingerprint}", Access.STAFF_OF_IT),
            // moderators
            Map.entry("GET /moderation", Access.MODERATOR),
            Map.entry("GET /moderation/requests", Access.MODERATOR),
            Map.entry("GET /moderation/imports", Access.MODERATOR),
            Map.entry("GET /moderation/imports/template.csv", Access.MODERATOR),
            Map.entry("POST /moderation/imports/check", Access.MODERATOR),
            Map.entry("POST /moderation/imports/{key}", Access.MODERATOR),
            Map.entry("POST /moderation/requests/{id}/approve", Access.MODERATOR),
            Map.entry("POST /moderation/requests/{id}/reject", Access.MODERATOR),
            Map.entry("POST /moderation/change-requests/{id}/approve", Access.MODERATOR),
            Map.entry("POST /moderation/change-requests/{id}/reject", Access.MODERATOR),
            Map.entry("GET /api/v1/moderation/change-requests", Access.MODERATOR),
            Map.entry("GET /api/v1/moderation/review-requests", Access.MODERATOR),
            Map.entry("GET /api/v1/moderation/theme-terms", Access.MODERATOR),
            Map.entry("GET /moderation/themes", Access.MODERATOR),
            Map.entry("POST /moderation/themes", Access.MODERATOR),
            Map.entry("POST /moderation/themes/{id}/remove", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/theme-terms", Access.MODERATOR),
            Map.entry("DELETE /api/v1/moderation/theme-terms/{id}", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/review-requests/{id}/{decision:uphold|dismiss}", Access.MODERATOR),
            Map.entry("POST /moderation/review-requests/{id}/{decision:uphold|dismiss}", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/change-requests/{id}/approve", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/change-requests/{id}/reject", Access.MODERATOR),
            Map.entry("GET /api/v1/moderation/organization-requests", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/organization-requests/{id}/approve", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/organization-requests/{id}/reject", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/registry-imports", Access.MODERATOR),
            Map.entry("GET /api/v1/moderation/complaints", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/complaints/{id}/hide", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/complaints/{id}/dismiss", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/questionnaires/{id}/comment/restore", Access.MODERATOR),
            Map.entry("GET /api/v1/moderation/feedback", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/feedback/{id}/answer", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/feedback/{id}/close", Access.MODERATOR),
            Map.entry("GET /api/v1/moderation/held/groups", Access.MODERATOR), Map.entry("GET /api/v1/moderation/held", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/questionnaires/{id}/release", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/questionnaires/{id}/reject", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/held/release", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/held/reject", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/questionnaires/{id}/hide", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/questionnaires/{id}/restore", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/surveys", Access.MODERATOR),
            Map.entry("POST /api/v1/moderation/surveys/{id}/close", Access.MODERATOR),
            Map.entry("POST /moderation/held/{organization}/{reason}/{decision}", Access.MODERATOR),
            Map.entry("POST /moderation/questionnaires/{id}/{decision}", Access.MODERATOR),
            Map.entry("POST /moderation/complaints/{id}/{decision}", Access.MODERATOR),
            Map.entry("POST /moderation/feedback/{id}/{decision}", Access.MODERATOR),
            Map.entry("POST /moderation/polls/{id}/close", Access.MODERATOR), Map.entry("POST /moderation/polls", Access.MODERATOR),
            // the portal's admin
            Map.entry("POST /api/v1/admin/org-admins", Access.ADMIN),
            Map.entry("GET /admin/accounts", Access.ADMIN), Map.entry("POST /admin/accounts", Access.ADMIN),
            Map.entry("POST /admin/accounts/{userId}/revoke", Access.ADMIN),
            Map.entry("GET /admin/moderators", Access.ADMIN), Map.entry("POST /admin/moderators", Access.ADMIN),
            Map.entry("POST /admin/moderators/{userId}/revoke", Access.ADMIN),
            Map.entry("POST /admin/moderators/invitations/{id}/withdraw", Access.ADMIN),
            Map.entry("GET /api/v1/admin/moderators", Access.ADMIN), Map.entry("POST /api/v1/admin/moderators", Access.ADMIN),
            Map.entry("POST /api/v1/admin/moderators/{userId}/revoke", Access.ADMIN),
            Map.entry("POST /api/v1/admin/moderators/invitations/{id}/withdraw", Access.ADMIN),
            Map.entry("POST /api/v1/admin/aggregates/rebuild", Access.ADMIN),
            Map.entry("POST /api/v1/admin/imports/questionnaires", Access.ADMIN),
            Map.entry("GET /admin/imports/questionnaires", Access.ADMIN), Map.entry("POST /admin/imports/questionnaires", Access.ADMIN),
            Map.entry("GET /admin/imports/questionnaires/template.csv", Access.ADMIN)));

    /**
     * Files served by resource handlers under these paths (the API's viewer and the web libraries, whose patterns name
     * their versions): public like the table's {@code GET /webjars/**}.
     */
    static final List<String> PUBLIC_FILES = List.of("GET /webjars/", "GET /swagger-ui/");

    /** The class of a route: the table's, or public for the files above. */
    static Access classOf(String route) {
        Access access = TABLE.get(route);
        return access != null || PUBLIC_FILES.stream().noneMatch(route::startsWith) ? access : Access.PUBLIC;
    }

    /** Routes of the security filter (not handler mappings): social login's start and its provider's callback. */
    static final Map<String, Access> FILTER_ROUTES = Map.of(
            "GET /oauth2/authorization/{provider}", Access.PUBLIC, "GET /login/oauth2/code/{provider}", Access.PUBLIC);

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Autowired
    CatalogDemoData demo;

    @Test
    void everyRouteTheApplicationServesIsInTheAccessTable() throws IOException {
        Set<String> served = ServedRoutes.of(context);
        assertThat(served.stream().filter(route -> classOf(route) == null).toList())
                .as("routes served but not classified in RouteAccessTest.TABLE").isEmpty();
        assertThat(TABLE.keySet()).as("routes classified but no longer served").isSubsetOf(served);
        // docs/SECURITY.md shows the table this test checks.
        String documented = Files.readString(Path.of("docs", "SECURITY.md"));
        String table = markdownTable();
        Path written = Path.of("target", "route-access.md");
        Files.createDirectories(written.getParent());
        Files.writeString(written, table);
        assertThat(documented).as("docs/SECURITY.md carries the access table (a fresh copy is in " + written + ")")
                .contains(table);
    }

    /**
     * Every route for every class of caller: what its class allows, or a refusal. Then every protected route written
     * otherwise, for an anonymous visitor: never let in, never a server error.
     */
    @Test
    void everyCallerGetsWhatItsClassAllowsAndNothingElseHoweverThePathIsWritten() {
        var tree = Subtrees.load(demo, db);
        RatingTestSupport.citizens(db, 1, 1);
        long questionnaire = ratedWithComment(tree.unit());
        Map<Caller, Map<String, String>> headers = new LinkedHashMap<>();
        AccessProbe probe = probe();
        headers.put(Caller.ANONYMOUS, probe.anonymous());
        headers.put(Caller.CITIZEN, probe.signedIn(Role.CITIZEN, null));
        headers.put(Caller.OTHER_STAFF, probe.signedIn(Role.ORG_ADMIN, tree.outside()));
        headers.put(Caller.OWN_STAFF, probe.signedIn(Role.ORG_ADMIN, tree.body()));
        headers.put(Caller.MODERATOR, probe.signedIn(Role.MODERATOR, null));
        headers.put(Caller.ADMIN, probe.signedIn(Role.ADMIN, null));
        Map<String, String> values = Map.of("organization", String.valueOf(tree.unit()), "questionnaire",
                String.valueOf(questionnaire));

        List<String> wrong = new ArrayList<>();
        int requests = 0;
        Map<String, Access> all = new TreeMap<>(TABLE);
        all.putAll(FILTER_ROUTES);
        for (Map.Entry<String, Access> route : all.entrySet()) {
            if (SESSION_ENDING.contains(route.getKey())) {
                continue; // tried last, below: they end the caller's session or account
            }
            String method = route.getKey().substring(0, route.getKey().indexOf(' '));
            String path = concrete(route.getKey().substring(method.length() + 1), values);
            for (Map.Entry<Caller, Map<String, String>> caller : headers.entrySet()) {
                boolean allowed = allows(route.getValue(), caller.getKey());
                RawHttp.Answer answer = probe().send(method, path, caller.getValue(), Map.of());
                requests++;
                String verdict = judge(answer, allowed, path);
                if (verdict != null) {
                    wrong.add(route.getKey() + " as " + caller.getKey() + ": " + verdict);
                }
                if (!allowed && caller.getKey() == Caller.ANONYMOUS) {
                    for (Variant variant : variants(path)) {
                        RawHttp.Answer odd = probe().send(method, variant.path(), caller.getValue(), variant.headers());
                        requests++;
                        String oddVerdict = judge(odd, false, variant.path());
                        if (oddVerdict != null) {
                            wrong.add(route.getKey() + " as " + caller.getKey() + " written " + variant.path()
                                    + variant.headers() + ": " + oddVerdict);
                        }
                    }
                }
            }
        }
        for (String route : SESSION_ENDING) {
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(method.length() + 1), values);
            for (Caller caller : List.of(Caller.ANONYMOUS, Caller.CITIZEN)) {
                Map<String, String> fresh = caller == Caller.ANONYMOUS ? probe().anonymous() : probe().signedIn(Role.CITIZEN, null);
                String verdict = judge(probe().send(method, path, fresh, Map.of()), allows(all.get(route), caller), path);
                requests++;
                if (verdict != null) {
                    wrong.add(route + " as " + caller + ": " + verdict);
                }
            }
        }
        System.out.printf("Route access: %d routes, %d requests%n", all.size(), requests);
        assertThat(wrong).as("answers that do not match the access table").isEmpty();
    }

    /** Routes that end the caller's session or account: tried once each with a caller of their own. */
    static final Set<String> SESSION_ENDING = Set.of("POST /api/v1/auth/logout", "POST /logout", "DELETE /api/v1/me",
            "POST /account/delete");

    static boolean allows(Access access, Caller caller) {
        return switch (access) {
            case PUBLIC -> true;
            case SIGNED_IN -> caller != Caller.ANONYMOUS;
            case STAFF -> caller == Caller.OWN_STAFF || caller == Caller.OTHER_STAFF || caller == Caller.ADMIN;
            case STAFF_OF_IT -> caller == Caller.OWN_STAFF || caller == Caller.ADMIN;
            case MODERATOR -> caller == Caller.MODERATOR || caller == Caller.ADMIN;
            case ADMIN -> caller == Caller.ADMIN;
        };
    }

    AccessProbe probe() {
        return new AccessProbe(port, accounts);
    }

    /** Null when the answer fits; else what is wrong with it. */
    static String judge(RawHttp.Answer answer, boolean allowed, String path) {
        int status = answer.status();
        String location = answer.header("Location");
        // Sent to sign in: the login pages with the page to come back to (other redirects to them say why a login failed).
        boolean toLogin = (status == 302 || status == 303) && location != null
                && (location.startsWith("/login?next=") || location.startsWith("/login/code?next="));
        boolean refused = status == 401 || status == 403 || status == 404 || toLogin;
        if (status >= 500) {
            return "a server error " + status;
        }
        if (allowed) {
            // Refused for access: told to sign in, or a refusal of who the caller is. A route's own 401 or 403 (a login
            // without a certificate, a certificate for a moderator) is its answer, not a refusal.
            boolean accessRefusal = (status == 401 || status == 403)
                    && (answer.problem() == null || ACCESS_REFUSALS.contains(answer.problem()));
            return accessRefusal || toLogin ? "refused (" + status + " " + answer.problem() + " " + location + ")" : null;
        }
        // A path written oddly may also be refused as a bad request or no such method.
        boolean oddRefusal = status == 400 || status == 405;
        return refused || oddRefusal ? null : "let in (" + status + ")";
    }

    /** The problems that refuse a caller for who they are (as opposed to what they sent). */
    static final Set<String> ACCESS_REFUSALS = Set.of("unauthorized", "forbidden", "outside-scope", "csrf");

    /** A path written another way. */
    record Variant(String path, Map<String, String> headers) {
    }

    static List<Variant> variants(String path) {
        List<Variant> variants = new ArrayList<>();
        String[] segments = path.split("/");
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty() || !Character.isLetter(segment.charAt(0))) {
                continue;
            }
            // an encoded letter, another case
            String[] encoded = segments.clone();
            encoded[i] = "%" + Integer.toHexString(segment.charAt(0)).toUpperCase() + segment.substring(1);
            variants.add(new Variant(String.join("/", encoded), Map.of()));
            String[] upper = segments.clone();
            upper[i] = segment.toUpperCase();
            variants.add(new Variant(String.join("/", upper), Map.of()));
            // ;params on a segment
            String[] params = segments.clone();
            params[i] = segment + ";x=1";
            variants.add(new Variant(String.join("/", params), Map.of()));
        }
        int slash = path.indexOf('/', 1);
        if (slash > 0) {
            variants.add(new Variant(path.substring(0, slash) + "%2F" + path.substring(slash + 1), Map.of()));
            variants.add(new Variant(path.substring(0, slash) + "//" + path.substring(slash + 1), Map.of()));
            variants.add(new Variant(path.substring(0, slash) + "/./" + path.substring(slash + 1), Map.of()));
            variants.add(new Variant(path.substring(0, slash) + "/x/../" + path.substring(slash + 1), Map.of()));
        }
        variants.add(new Variant("/" + path, Map.of()));
        variants.add(new Variant(path + "/", Map.of()));
        variants.add(new Variant(path, Map.of("X-Forwarded-Prefix", "/api")));
        if (slash > 0) {
            variants.add(new Variant(path.substring(slash), Map.of("X-Forwarded-Prefix", path.substring(0, slash))));
        }
        return variants;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");

    /** The route with its variables filled in: the organisation, the questionnaire, or a plain value. */
    static String concrete(String pattern, Map<String, String> values) {
        String path = pattern.replace("/**", "/css/app.css").replace("/webjars/css/app.css", "/webjars/leaflet/dist/leaflet.css");
        Matcher m = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String before = path.substring(0, m.start());
            String value = switch (name) {
                case "questionnaireId" -> values.get("questionnaire");
                case "provider" -> "google";
                case "file" -> "organizations.csv";
                case "fingerprint" -> "00";
                case "group" -> "all";
                case "decision" -> "release";
                case "reason" -> "burst";
                case "organization" -> values.get("organization");
                case "userId" -> "1";
                default -> before.contains("questionnaires") ? values.get("questionnaire")
                        : before.contains("organizations") || before.startsWith("/o") || before.startsWith("/cabinet")
                        ? values.get("organization") : "1";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A published questionnaire with a comment, of the organisation the routes name (for replies, complaints). */
    private long ratedWithComment(long organization) {
        var citizen = RatingTestSupport.sessions(web, 1, 1).get(0);
        return ((Number) citizen.post().uri("/api/v1/organizations/{id}/ratings", organization)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES, "comment", "Всё хорошо"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id"))
                .longValue();
    }

    /** The access table as docs/SECURITY.md shows it. */
    static String markdownTable() {
        Map<String, Access> all = new TreeMap<>(TABLE);
        all.putAll(FILTER_ROUTES);
        StringBuilder table = new StringBuilder("| route | who may use it |\n|---|---|\n");
        all.forEach((route, access) -> table.append("| `").append(route.replace("|", "\\|")).append("` | ")
                .append(switch (access) {
                    case PUBLIC -> "anyone";
                    case SIGNED_IN -> "anyone signed in";
                    case STAFF -> "organisation staff, the portal admin";
                    case STAFF_OF_IT -> "the staff of that organisation or a body above it, the portal admin";
                    case MODERATOR -> "moderators, the portal admin";
                    case ADMIN -> "the portal admin";
                }).append(" |\n"));
        return table.toString();
    }
}

package by.ocenka.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.support.IntegrationTest;
import by.ocenka.support.RawHttp;
import by.ocenka.support.Subtrees;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two breaks of the second security review, and what closes their kind: the moderators' queues behind an encoded
 * letter, a role put on somebody else's account by its address; one client counted as one (an IPv6 /64), a forwarded
 * address a client cannot choose, session-starting links limited, a registration that does not tell a known address
 * from a new one.
 */
class AccessControlTest extends IntegrationTest {

    @Autowired
    CatalogDemoData demo;

    @LocalServerPort
    int port;

    /** Before: 200 with the moderators' queue (citizens' messages and addresses), and a 500 for the cabinet. */
    @Test
    void anEncodedLetterOpensNoQueue() {
        web.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "writer@example.by", "topic", "other", "text", "Письмо в поддержку портала"))
                .headers(h -> h.addAll(csrfHeaders())).exchange().expectStatus().isCreated();
        for (String queue : List.of("/api/v1/%6Doderation/feedback", "/api/v1/%6Doderation/held",
                "/api/v1/%6Doderation/complaints", "/api/v1/%6Doderation/organization-requests",
                "/api/v1/moderation/%66eedback", "/api/v1/%63abinet/organizations")) {
            RawHttp.Answer answer = RawHttp.send(port, "GET", queue, Map.of("Accept", "application/json"), null);
            assertThat(answer.status()).as(queue).isIn(400, 401);
        }
    }

    private HttpHeaders csrfHeaders() {
        String token = web.get().uri("/api/v1/auth/csrf").exchange().expectBody().returnResult()
                .getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        HttpHeaders headers = new HttpHeaders();
        headers.add("Cookie", "XSRF-TOKEN=" + token);
        headers.add("X-XSRF-TOKEN", token);
        return headers;
    }

    /**
     * Before: an organisation's admin added the portal admin's address as a colleague, and the role (and their own
     * certificate) landed on the portal admin's account. Now the owner is only invited, and accepts while signed in.
     */
    @Test
    void aColleaguesAddressWithAnAccountIsInvitedNeverGivenTheRole() {
        Subtrees tree = Subtrees.load(demo, db);
        accounts.create("portal.admin@example.by", "portal admin password 1", "Администратор портала", true, Role.ADMIN, null)
                .block(Duration.ofSeconds(30));
        WebTestClient portalAdmin = loggedIn("portal.admin@example.by", "portal admin password 1");
        WebTestClient orgAdmin = loggedInAs(Role.ORG_ADMIN, tree.body());

        // The answer is the same as for a new address, and names nobody.
        String known = orgAdmin.post().uri("/api/v1/cabinet/organizations/{id}/staff", tree.body())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "portal.admin@example.by", "displayName", "Кто угодно", "role", "ORG_ADMIN"))
                .exchange().expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();
        String unknown = orgAdmin.post().uri("/api/v1/cabinet/organizations/{id}/staff", tree.body())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "new.colleague@example.by", "displayName", "Кто угодно", "role", "ORG_ADMIN"))
                .exchange().expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();
        assertThat(known).doesNotContain("Администратор портала");
        assertThat(known.replace("portal.admin", "X")).isEqualTo(unknown.replace("new.colleague", "X"));

        // The portal admin's account holds no new role, and their session was not touched.
        portalAdmin.get().uri("/api/v1/me").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.roles.length()").isEqualTo(1).jsonPath("$.roles[0]").isEqualTo("ADMIN");
        assertThat(db.sql("SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id "
                        + "WHERE u.email = 'portal.admin@example.by' AND r.role = 'ORG_ADMIN'")
                .map(r -> r.get(0, Long.class)).one().block()).isZero();
        assertThat(tokenFromMail("portal.admin@example.by", "/account")).isNotNull();

        // The owner, signed in, sees the offer and accepts it: the role is theirs from this request on.
        List<Map<String, Object>> offers = portalAdmin.get().uri("/api/v1/me/invitations").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
        long invitation = ((Number) offers.stream().filter(i -> ((Number) i.get("organizationId")).longValue() == tree.body())
                .findFirst().orElseThrow().get("id")).longValue();
        loggedInAs(Role.CITIZEN, null).post().uri("/api/v1/me/invitations/{id}/accept", invitation).exchange()
                .expectStatus().isNotFound();
        portalAdmin.post().uri("/api/v1/me/invitations/{id}/accept", invitation).exchange().expectStatus().isOk();
        portalAdmin.get().uri("/api/v1/me").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.roles").value(roles -> assertThat(((List<?>) roles).stream().map(String::valueOf).toList())
                        .contains("ADMIN", "ORG_ADMIN"));
        portalAdmin.post().uri("/api/v1/me/invitations/{id}/accept", invitation).exchange().expectStatus().isNotFound();
    }

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() { };

    private long offerTo(WebTestClient owner) {
        List<Map<String, Object>> offers = owner.get().uri("/api/v1/me/invitations").exchange().expectStatus().isOk()
                .expectBody(LIST).returnResult().getResponseBody();
        assertThat(offers).hasSize(1);
        return ((Number) offers.get(0).get("id")).longValue();
    }

    private WebTestClient.ResponseSpec invite(WebTestClient admin, long organization, String email) {
        return admin.post().uri("/api/v1/cabinet/organizations/{id}/staff", organization).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "displayName", "Коллега", "role", "ORG_RESPONDER")).exchange();
    }

    /**
     * A stranger who registered somebody's address (unconfirmed, the stranger's password) is offered the role meant for
     * its owner, but cannot take it: the owner signs in with a code mailed to the address (which ends the stranger's
     * session) and accepts.
     */
    @Test
    void anOfferToAnUnconfirmedAddressWaitsForItsOwner() {
        Subtrees tree = Subtrees.load(demo, db);
        String address = "colleague" + System.nanoTime() + "@example.by";
        withCsrf().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", address, "password", "Strangers-password-2026", "displayName", "Чужой"))
                .exchange().expectStatus().isAccepted();
        WebTestClient stranger = loggedIn(address, "Strangers-password-2026");
        invite(loggedInAs(Role.ORG_ADMIN, tree.body()), tree.body(), address).expectStatus().isAccepted();

        long offer = offerTo(stranger);
        stranger.post().uri("/api/v1/me/invitations/{id}/accept", offer).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/invitation-email-not-confirmed");
        stranger.get().uri("/api/v1/me").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.roles.length()").isEqualTo(1);

        WebTestClient owner = withCsrf();
        owner.post().uri("/api/v1/auth/email-code").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", address)).exchange().expectStatus().isAccepted();
        String session = owner.post().uri("/api/v1/auth/email-code/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", address, "code", tokenFromMail(address, "Ocenka: "))).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseCookies().getFirst("SESSION").getValue();
        owner = owner.mutate().defaultCookie("SESSION", session).build();
        stranger.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        owner.post().uri("/api/v1/me/invitations/{id}/accept", offer).exchange().expectStatus().isOk();
        owner.get().uri("/api/v1/me").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.roles").value(roles -> assertThat(((List<?>) roles).stream().map(String::valueOf).toList())
                        .contains("ORG_RESPONDER"));
    }

    /**
     * An organisation's admins see the offers made over their subtree and withdraw them (nobody else's); an admin's
     * offers go when the admin's role does.
     */
    @Test
    void offersAreSeenAndWithdrawnByTheSubtreesAdminsAndGoWithTheirMaker() {
        Subtrees tree = Subtrees.load(demo, db);
        String address = "invitee" + System.nanoTime() + "@example.by";
        accounts.create(address, "Invitees-password-2026", "Приглашённый", true, Role.CITIZEN, null).block(Duration.ofSeconds(30));
        WebTestClient invitee = loggedIn(address, "Invitees-password-2026");
        String maker = "maker" + System.nanoTime() + "@example.by";
        long makerId = accounts.create(maker, "Makers-password-2026", "Администратор", true, Role.ORG_ADMIN, tree.body())
                .block(Duration.ofSeconds(30)).id();
        WebTestClient makerClient = loggedIn(maker, "Makers-password-2026");
        WebTestClient colleague = loggedInAs(Role.ORG_ADMIN, tree.body());
        WebTestClient outsider = loggedInAs(Role.ORG_ADMIN, tree.outside());

        invite(makerClient, tree.body(), address).expectStatus().isAccepted();
        long offer = offerTo(invitee);
        List<Map<String, Object>> pending = colleague.get().uri("/api/v1/cabinet/organizations/{id}/invitations", tree.body())
                .exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        assertThat(pending).extracting(i -> i.get("email")).containsExactly(address);
        outsider.get().uri("/api/v1/cabinet/organizations/{id}/invitations", tree.body()).exchange().expectStatus().isForbidden();
        outsider.delete().uri("/api/v1/cabinet/organizations/{id}/invitations/{i}", tree.outside(), offer).exchange()
                .expectStatus().isNotFound();
        colleague.delete().uri("/api/v1/cabinet/organizations/{id}/invitations/{i}", tree.body(), offer).exchange()
                .expectStatus().isNoContent();
        invitee.post().uri("/api/v1/me/invitations/{id}/accept", offer).exchange().expectStatus().isNotFound();

        // The maker's role gone by any path (here straight from the table, as a move of the unit would): the offer
        // is no longer open, as the database says at the moment it is taken.
        String other = "maker2" + System.nanoTime() + "@example.by";
        long otherId = accounts.create(other, "Makers-password-2026", "Администратор", true, Role.ORG_ADMIN, tree.body())
                .block(Duration.ofSeconds(30)).id();
        invite(loggedIn(other, "Makers-password-2026"), tree.body(), address).expectStatus().isAccepted();
        long stale = offerTo(invitee);
        db.sql("DELETE FROM user_role WHERE user_id = :id").bind("id", otherId).then().block(Duration.ofSeconds(10));
        invitee.post().uri("/api/v1/me/invitations/{id}/accept", stale).exchange().expectStatus().isNotFound();

        invite(makerClient, tree.body(), address).expectStatus().isAccepted();
        assertThat(offerTo(invitee)).isPositive();
        colleague.delete().uri("/api/v1/cabinet/organizations/{id}/staff/{user}?role=ORG_ADMIN", tree.body(), makerId)
                .exchange().expectStatus().isNoContent();
        invitee.get().uri("/api/v1/me/invitations").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(0);
    }

    /** Removing a colleague's role reaches only an account that holds it in the remover's subtree. */
    @Test
    void removingAColleagueNeverLogsOutSomebodyElse() {
        Subtrees tree = Subtrees.load(demo, db);
        accounts.create("bystander@example.by", "bystander password 1", "Прохожий", true, Role.ORG_ADMIN, tree.outside())
                .block(Duration.ofSeconds(30));
        WebTestClient bystander = loggedIn("bystander@example.by", "bystander password 1");
        long bystanderId = db.sql("SELECT id FROM app_user WHERE email = 'bystander@example.by'")
                .map(r -> r.get(0, Long.class)).one().block();
        WebTestClient orgAdmin = loggedInAs(Role.ORG_ADMIN, tree.body());
        orgAdmin.delete().uri("/api/v1/cabinet/organizations/{id}/staff/{user}?role=ORG_ADMIN", tree.body(), bystanderId)
                .exchange().expectStatus().isNotFound();
        bystander.get().uri("/api/v1/me").exchange().expectStatus().isOk();
    }

    /** From the trusted proxy, the client is the address the proxy saw, not what the client wrote before it. */
    @Test
    void aClientCannotChooseItsAddressThroughTheProxy() {
        String email = "spoof" + System.nanoTime() + "@example.by";
        accounts.create(email, "Spoof-attempt-2026", "Подмена", true, Role.CITIZEN, null).block(Duration.ofSeconds(30));
        WebTestClient client = withCsrf();
        // Five wrong passwords from the address the proxy saw, each time claiming another before it.
        for (int i = 0; i < 5; i++) {
            client.post().uri("/api/v1/auth/login").header("X-Forwarded-For", "203.0.113." + i + ", 198.51.100.77")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", email, "password", "wrong " + i))
                    .exchange().expectStatus().isUnauthorized();
        }
        // The pair (account, 198.51.100.77) is spent, whatever the client claims now.
        client.post().uri("/api/v1/auth/login").header("X-Forwarded-For", "203.0.113.200, 198.51.100.77")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", email, "password", "Spoof-attempt-2026"))
                .exchange().expectStatus().isEqualTo(429);
        // Nor through the standard Forwarded header, which a proxy may pass on untouched: it is never read.
        String other = "spoof2" + System.nanoTime() + "@example.by";
        accounts.create(other, "Spoof-attempt-2026", "Подмена", true, Role.CITIZEN, null).block(Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            client.post().uri("/api/v1/auth/login").header("Forwarded", "for=203.0.113." + i)
                    .header("X-Forwarded-For", "198.51.100.78")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", other, "password", "wrong " + i))
                    .exchange().expectStatus().isUnauthorized();
        }
        client.post().uri("/api/v1/auth/login").header("Forwarded", "for=203.0.113.201").header("X-Forwarded-For", "198.51.100.78")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", other, "password", "Spoof-attempt-2026"))
                .exchange().expectStatus().isEqualTo(429);
        // X-Forwarded-Prefix moves nothing: the moderators' queue stays shut.
        assertThat(RawHttp.send(port, "GET", "/v1/moderation/feedback",
                Map.of("X-Forwarded-Prefix", "/api", "Accept", "application/json"), null).status()).isIn(401, 404);
        assertThat(RawHttp.send(port, "GET", "/api/v1/moderation/feedback",
                Map.of("X-Forwarded-Prefix", "/api", "Accept", "application/json"), null).status()).isEqualTo(401);
    }

    /** Links that start a session (social login) are limited per client like writes. */
    @Test
    void sessionStartingLinksAreLimited() {
        int limited = 0;
        for (int i = 0; i < 12; i++) {
            int status = RawHttp.send(port, "GET", "/oauth2/authorization/google", Map.of("X-Forwarded-For", "203.0.113.50"),
                    null).status();
            limited += status == 429 ? 1 : 0;
        }
        assertThat(limited).isEqualTo(2);
        // Another client is not held back.
        assertThat(RawHttp.send(port, "GET", "/oauth2/authorization/google", Map.of("X-Forwarded-For", "203.0.113.51"),
                null).status()).isNotEqualTo(429);
    }

    /** Registering through the page looks the same for an address with an account and a new one: no session either way. */
    @Test
    void registeringLooksTheSameForAKnownAndANewAddress() {
        accounts.create("known@example.by", "known password 12", "Известный", true, Role.CITIZEN, null)
                .block(Duration.ofSeconds(30));
        List<String> answers = new ArrayList<>();
        for (String email : List.of("known@example.by", "fresh@example.by")) {
            var result = withCsrf().post().uri("/register").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("email=" + email + "&password=Slutsk-belts-2026x&displayName=Имя")
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult();
            assertThat(result.getResponseCookies().getFirst("SESSION")).as(email).isNull();
            answers.add(result.getResponseBody().replace(email, "X").replaceAll("name=\"_csrf\" value=\"[^\"]*\"", ""));
        }
        assertThat(answers.get(0)).isEqualTo(answers.get(1));
    }
}

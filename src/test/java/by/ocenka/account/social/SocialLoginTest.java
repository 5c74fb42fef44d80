package by.ocenka.account.social;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;

import by.ocenka.account.Role;
import by.ocenka.support.IntegrationTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole social login for each provider: the portal's redirect to the provider, the provider's redirect back
 * with a code, the portal trading it for a token and reading the profile over HTTP from a fake provider on
 * loopback, and a session for the found, linked or created account.
 */
class SocialLoginTest extends IntegrationTest {

    static final FakeOAuthProvider GOOGLE = new FakeOAuthProvider("google-code",
            "{\"access_token\":\"google-token\",\"token_type\":\"Bearer\",\"expires_in\":3599,\"scope\":\"profile email\"}",
            "{\"sub\":\"108234\",\"email\":\"olga.g@gmail.com\",\"email_verified\":true,\"name\":\"Ольга Гусева\"}",
            "google-token");
    static final FakeOAuthProvider YANDEX = new FakeOAuthProvider("yandex-code",
            "{\"access_token\":\"yandex-token\",\"token_type\":\"bearer\",\"expires_in\":31536000}",
            "{\"id\":\"1000034426\",\"login\":\"ivan\",\"default_email\":\"ivan@yandex.by\",\"real_name\":\"Иван Петров\"}",
            "yandex-token");
    // VK: no token_type, the e-mail in the token response, the profile wrapped in "response".
    static final FakeOAuthProvider VK = new FakeOAuthProvider("vk-code",
            "{\"access_token\":\"vk-token\",\"expires_in\":86400,\"user_id\":3003,\"email\":\"petr@vk.by\"}",
            "{\"response\":[{\"id\":3003,\"first_name\":\"Пётр\",\"last_name\":\"Васильев\"}]}",
            "vk-token");

    // A national ID login as any OpenID Connect provider: an ID token signed with its key, an address it vouches for.
    static final FakeOAuthProvider NATIONAL = new FakeOAuthProvider("oidc-code", "{}",
            "{\"sub\":\"BY-3141592A001PB7\",\"email\":\"nina@example.by\",\"email_verified\":true,\"name\":\"Нина Сидорова\"}",
            "oidc-token");
    static final RSAKey NATIONAL_KEY = nationalKey();

    private static RSAKey nationalKey() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("national-1").generate();
            NATIONAL.jwks = new JWKSet(key.toPublicJWK()).toString();
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token response with an ID token for the nonce the portal sent. */
    private static String nationalTokens(String nonce) throws JOSEException {
        Date now = new Date();
        var claims = new JWTClaimsSet.Builder().issuer(NATIONAL.url("")).subject("BY-3141592A001PB7")
                .audience("oidc-client").issueTime(now).expirationTime(new Date(now.getTime() + 300_000))
                .claim("nonce", nonce).claim("email", "nina@example.by").claim("email_verified", true).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID("national-1").build(), claims);
        jwt.sign(new RSASSASigner(NATIONAL_KEY));
        return "{\"access_token\":\"oidc-token\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"scope\":\"openid profile email\",\"id_token\":\"" + jwt.serialize() + "\"}";
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("ocenka.social.providers.oidc.client-id", () -> "oidc-client");
        registry.add("ocenka.social.providers.oidc.client-secret", () -> "oidc-secret");
        registry.add("ocenka.social.providers.oidc.issuer-uri", () -> NATIONAL.url(""));
        registry.add("ocenka.social.providers.oidc.authorization-uri", () -> NATIONAL.url("/authorize"));
        registry.add("ocenka.social.providers.oidc.token-uri", () -> NATIONAL.url("/token"));
        registry.add("ocenka.social.providers.oidc.user-info-uri", () -> NATIONAL.url("/userinfo"));
        registry.add("ocenka.social.providers.oidc.jwk-set-uri", () -> NATIONAL.url("/jwks"));
        registry.add("ocenka.social.providers.oidc.trust-email-verified", () -> "true");
        Map.of("google", GOOGLE, "yandex", YANDEX, "vk", VK).forEach((name, fake) -> {
            String prefix = "ocenka.social.providers." + name + ".";
            registry.add(prefix + "client-id", () -> name + "-client");
            registry.add(prefix + "client-secret", () -> name + "-secret");
            registry.add(prefix + "authorization-uri", () -> fake.url("/authorize"));
            registry.add(prefix + "token-uri", () -> fake.url("/token"));
            registry.add(prefix + "user-info-uri", () -> fake.url("/userinfo"));
        });
    }

    @AfterAll
    static void stopProviders() {
        GOOGLE.close();
        YANDEX.close();
        VK.close();
        NATIONAL.close();
    }

    @Test
    void aGenericOpenIdConnectProviderSignsInByConfigurationAlone() {
        Map<String, Object> me = socialLogin("oidc", NATIONAL, "oidc-code");
        assertThat(me).containsEntry("email", "nina@example.by").containsEntry("displayName", "Нина Сидорова")
                .containsEntry("emailConfirmed", true);
        assertThat(db.sql("SELECT provider || ':' || subject FROM user_identity").map(r -> r.get(0, String.class)).one().block())
                .isEqualTo("oidc:BY-3141592A001PB7");
        // The login page offers it.
        assertThat(web.get().uri("/login").exchange().expectBody(String.class).returnResult().getResponseBody())
                .contains("/login/social/oidc").contains("Национальная система идентификации");
    }

    @Test
    void googleCreatesAConfirmedCitizen() {
        Map<String, Object> me = socialLogin("google", GOOGLE, "google-code");
        assertThat(me).containsEntry("email", "olga.g@gmail.com").containsEntry("displayName", "Ольга Гусева")
                .containsEntry("emailConfirmed", true);
        FakeOAuthProvider.Call token = GOOGLE.calls.stream().filter(c -> c.path().equals("/token")).findFirst().orElseThrow();
        assertThat(FakeOAuthProvider.form(token.body())).containsEntry("code", "google-code")
                .containsEntry("client_id", "google-client").containsEntry("client_secret", "google-secret")
                .containsEntry("grant_type", "authorization_code");
        // The same person again: the same account, not a second one.
        assertThat(socialLogin("google", GOOGLE, "google-code").get("id")).isEqualTo(me.get("id"));
        assertThat(db.sql("SELECT count(*) AS n FROM app_user").map(r -> r.get("n", Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void yandexNeverJoinsAnAccountByAnAddressItDoesNotVouchFor() {
        long existing = accounts.create("ivan@yandex.by", "Ivan-own-password-1", "Иван", true, Role.CITIZEN, null)
                .block().id();
        assertThat(refusedSocialLogin("yandex", YANDEX, "yandex-code")).isEqualTo("/login?error=social-email-taken");
        assertThat(db.sql("SELECT count(*) FROM user_identity").map(r -> r.get(0, Long.class)).one().block()).isZero();
        assertThat(db.sql("SELECT count(*) FROM app_user").map(r -> r.get(0, Long.class)).one().block()).isEqualTo(1);
        // The password still works, and the login page says what to do.
        loggedIn("ivan@yandex.by", "Ivan-own-password-1");
        assertThat(web.get().uri("/login?error=social-email-taken").exchange().expectBody(String.class).returnResult()
                .getResponseBody()).contains("Войдите с паролем");
        assertThat(existing).isPositive();
    }

    /** Opened in the browser that signed in, the mailed link confirms and that browser stays signed in. */
    @Test
    void aNewYandexCitizenConfirmsTheAddressByMail() {
        String session = socialSession("yandex", YANDEX, "yandex-code");
        Map<String, Object> me = me(session);
        assertThat(me).containsEntry("email", "ivan@yandex.by").containsEntry("emailConfirmed", false);
        String token = tokenFromMail("ivan@yandex.by", "/confirm?token=");
        withCsrf().mutate().defaultCookie("SESSION", session).build().post().uri("/api/v1/auth/confirm")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("token", token))
                .exchange().expectStatus().isNoContent();
        assertThat(me(session)).containsEntry("emailConfirmed", true);
    }

    /**
     * A provider that does not vouch for the address (Yandex) made an account in its name; its owner then signs in with
     * a mailed code: every other session ends and the unproven identity is unlinked, so whoever used it is out.
     */
    @Test
    void theOwnerTakingTheAddressOverUnlinksAnUnprovenIdentity() {
        socialLogin("yandex", YANDEX, "yandex-code");
        assertThat(db.sql("SELECT count(*) FROM user_identity WHERE NOT verified").map(r -> r.get(0, Long.class))
                .one().block()).isEqualTo(1);
        var owner = withCsrf();
        owner.post().uri("/api/v1/auth/email-code").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "ivan@yandex.by")).exchange().expectStatus().isAccepted();
        owner.post().uri("/api/v1/auth/email-code/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "ivan@yandex.by", "code", tokenFromMail("ivan@yandex.by", "Ocenka: ")))
                .exchange().expectStatus().isOk();
        assertThat(db.sql("SELECT count(*) FROM user_identity").map(r -> r.get(0, Long.class)).one().block()).isZero();
        // The same Yandex identity now finds the address taken by its owner: no way in.
        assertThat(refusedSocialLogin("yandex", YANDEX, "yandex-code")).isEqualTo("/login?error=social-email-taken");
    }

    @Test
    void googleVouchingForAnAdminsAddressStillDoesNotOpenTheAdminAccount() {
        accounts.create("olga.g@gmail.com", "Admin-own-password-1", "Ольга", true, Role.ADMIN, null).block();
        assertThat(refusedSocialLogin("google", GOOGLE, "google-code")).isEqualTo("/login?error=social-email-taken");
        assertThat(db.sql("SELECT count(*) FROM user_identity").map(r -> r.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void googleVouchingForACitizensAddressLinksIt() {
        long existing = accounts.create("olga.g@gmail.com", "Olga-own-password-1", "Ольга", true, Role.CITIZEN, null)
                .block().id();
        assertThat(((Number) socialLogin("google", GOOGLE, "google-code").get("id")).longValue()).isEqualTo(existing);
        loggedIn("olga.g@gmail.com", "Olga-own-password-1");
    }

    @Test
    void vkReadsTheProfileAndTheAddressFromTheTokenResponse() {
        Map<String, Object> me = socialLogin("vk", VK, "vk-code");
        assertThat(me).containsEntry("email", "petr@vk.by").containsEntry("displayName", "Пётр Васильев");
        FakeOAuthProvider.Call userInfo = VK.calls.stream().filter(c -> c.path().equals("/userinfo")).reduce((a, b) -> b).orElseThrow();
        assertThat(FakeOAuthProvider.form(userInfo.query())).containsEntry("access_token", "vk-token").containsKey("v");
    }

    @Test
    void aForgedStateIsRefused() {
        var start = web.get().uri("/oauth2/authorization/google").exchange().expectStatus().is3xxRedirection()
                .expectBody().returnResult();
        String session = start.getResponseCookies().getFirst("SESSION").getValue();
        web.get().uri("/login/oauth2/code/google?code=google-code&state=forged").cookie("SESSION", session).exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().location("/login?error=social");
        assertThat(db.sql("SELECT count(*) AS n FROM app_user").map(r -> r.get("n", Long.class)).one().block()).isZero();
    }

    /** Walks the redirects as a browser would and answers where the portal sent it back to instead of home. */
    private String refusedSocialLogin(String provider, FakeOAuthProvider fake, String code) {
        var start = web.get().uri("/oauth2/authorization/" + provider).exchange()
                .expectStatus().is3xxRedirection().expectBody().returnResult();
        Map<String, String> query = FakeOAuthProvider.form(start.getResponseHeaders().getLocation().getRawQuery());
        String session = start.getResponseCookies().getFirst("SESSION").getValue();
        return web.get().uri(URI.create(query.get("redirect_uri") + "?code=" + code + "&state="
                        + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8)))
                .cookie("SESSION", session).exchange()
                .expectStatus().is3xxRedirection()
                .expectBody().returnResult().getResponseHeaders().getLocation().toString();
    }

    /** Walks the redirects as a browser would and answers {@code /api/v1/me} for the resulting session. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> socialLogin(String provider, FakeOAuthProvider fake, String code) {
        return me(socialSession(provider, fake, code));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> me(String session) {
        return web.get().uri("/api/v1/me").cookie("SESSION", session).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Signs in through the provider: the new session's id. */
    private String socialSession(String provider, FakeOAuthProvider fake, String code) {
        var start = web.get().uri("/oauth2/authorization/" + provider).exchange()
                .expectStatus().is3xxRedirection().expectBody().returnResult();
        URI location = start.getResponseHeaders().getLocation();
        assertThat(location.toString()).startsWith(fake.url("/authorize"));
        Map<String, String> query = FakeOAuthProvider.form(location.getRawQuery());
        assertThat(query).containsEntry("client_id", provider + "-client").containsEntry("response_type", "code");
        String session = start.getResponseCookies().getFirst("SESSION").getValue();
        if (provider.equals("oidc")) {
            try {
                fake.respondWith(nationalTokens(query.get("nonce")));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        var back = web.get().uri(URI.create(query.get("redirect_uri") + "?code=" + code + "&state="
                        + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8)))
                .cookie("SESSION", session).exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().location("/")
                .expectBody().returnResult();
        String loggedIn = back.getResponseCookies().getFirst("SESSION").getValue();
        assertThat(loggedIn).isNotEqualTo(session);
        return loggedIn;
    }
}

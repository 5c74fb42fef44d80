package by.ocenka.account.social;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import by.ocenka.account.AccountService;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.LoginSessions;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.platform.SecurityCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.security.authentication.DelegatingReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.AuthenticationMethod;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractor;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Login with Google, Yandex and VK through Spring Security's OAuth2 client ({@code /oauth2/authorization/{provider}}
 * → the provider → {@code /login/oauth2/code/{provider}}). Only providers with a configured client id are on. After
 * the provider answers, the user is found or created ({@link AccountService#socialLogin}) and the session holds the
 * same {@link CurrentUser} a password login gives.
 */
@Component
class SocialLogin implements SecurityCustomizer {

    private static final String REDIRECT = "{baseUrl}/login/oauth2/code/{registrationId}";
    private static final String OIDC = "oidc";
    private static final Logger log = LoggerFactory.getLogger(SocialLogin.class);

    private final SocialProperties properties;
    private final AccountService accounts;
    private final LoginSessions sessions;
    private final WebClient web = WebClient.create();
    private final DefaultReactiveOAuth2UserService standardUsers = new DefaultReactiveOAuth2UserService();

    SocialLogin(SocialProperties properties, AccountService accounts, LoginSessions sessions) {
        this.properties = properties;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    public void customize(ServerHttpSecurity http) {
        List<ClientRegistration> registrations = registrations();
        if (registrations.isEmpty()) {
            return;
        }
        WebClientReactiveAuthorizationCodeTokenResponseClient tokens = new WebClientReactiveAuthorizationCodeTokenResponseClient();
        tokens.setBodyExtractor(lenientTokenResponse());
        var redirects = new DefaultServerRedirectStrategy();
        http.oauth2Login(login -> login
                .clientRegistrationRepository(new InMemoryReactiveClientRegistrationRepository(registrations))
                // OpenID Connect (the generic provider: ID token checked against its keys) first, plain OAuth2 after.
                .authenticationManager(new DelegatingReactiveAuthenticationManager(
                        new OidcAuthorizationCodeReactiveAuthenticationManager(tokens, new OidcReactiveOAuth2UserService()),
                        new OAuth2LoginReactiveAuthenticationManager(tokens, this::loadUser)))
                .authenticationSuccessHandler((filterExchange, authentication) -> {
                    var exchange = filterExchange.getExchange();
                    OAuth2User user = ((OAuth2AuthenticationToken) authentication).getPrincipal();
                    String provider = ((OAuth2AuthenticationToken) authentication).getAuthorizedClientRegistrationId();
                    boolean trusted = provider(provider).map(SocialProperties.Provider::trustEmailVerified).orElse(false);
                    SocialProfile profile = profile(provider, user, trusted);
                    return accounts.socialLogin(profile, Languages.of(exchange))
                            .flatMap(account -> sessions.start(exchange, account)
                                    // Not vouched for: proven once the confirmation mail is opened in this browser.
                                    .then(account.emailConfirmed() || profile.emailVerified() ? Mono.empty()
                                            : sessions.pendingIdentity(exchange, new LoginSessions.PendingIdentity(
                                                    profile.provider(), profile.subject()))))
                            // Back to the page that sent the citizen to the provider (the rating form), else home.
                            .then(sessions.afterLogin(exchange))
                            .flatMap(target -> redirects.sendRedirect(exchange, target))
                            // The address belongs to an account this identity may not join: log in with its password.
                            .onErrorResume(ApiException.class, e -> redirects.sendRedirect(exchange,
                                    URI.create("/login?error=" + e.code())));
                })
                .authenticationFailureHandler((filterExchange, e) ->
                        redirects.sendRedirect(filterExchange.getExchange(), URI.create("/login?error=social"))));
    }

    /** Google (OAuth2 user info, no OIDC), Yandex and VK with their real endpoints unless overridden. */
    private List<ClientRegistration> registrations() {
        List<ClientRegistration> result = new ArrayList<>();
        provider("google").ifPresent(p -> result.add(base("google", p, "https://accounts.google.com/o/oauth2/v2/auth",
                "https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v3/userinfo")
                .scope("profile", "email").userNameAttributeName("sub").clientName("Google").build()));
        provider("yandex").ifPresent(p -> result.add(base("yandex", p, "https://oauth.yandex.ru/authorize",
                "https://oauth.yandex.ru/token", "https://login.yandex.ru/info?format=json")
                .scope("login:email", "login:info").userNameAttributeName("id").clientName("Яндекс ID").build()));
        provider("vk").ifPresent(p -> result.add(base("vk", p, "https://oauth.vk.com/authorize",
                "https://oauth.vk.com/access_token", "https://api.vk.com/method/users.get")
                .scope("email").userNameAttributeName("id").clientName("VK")
                .userInfoAuthenticationMethod(AuthenticationMethod.QUERY).build()));
        provider("oidc").flatMap(this::openIdConnect).ifPresent(result::add);
        return result;
    }

    /**
     * The generic OpenID Connect provider: endpoints from its issuer's discovery document (read once at start-up),
     * each overridable; when the issuer cannot be reached at start-up the provider stays off and the log says why.
     */
    private Optional<ClientRegistration> openIdConnect(SocialProperties.Provider p) {
        boolean explicit = p.authorizationUri() != null && p.tokenUri() != null && p.jwkSetUri() != null;
        ClientRegistration.Builder builder;
        if (explicit) {
            builder = ClientRegistration.withRegistrationId(OIDC).issuerUri(p.issuerUri())
                    .authorizationUri(p.authorizationUri()).tokenUri(p.tokenUri()).jwkSetUri(p.jwkSetUri())
                    .userInfoUri(p.userInfoUri());
        } else {
            try {
                builder = ClientRegistrations.fromIssuerLocation(p.issuerUri()).registrationId(OIDC);
            } catch (RuntimeException e) {
                log.error("OpenID Connect login is off: the issuer {} could not be read ({})", p.issuerUri(), e.toString());
                return Optional.empty();
            }
        }
        return Optional.of(builder.clientId(p.clientId()).clientSecret(p.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT).scope("openid", "profile", "email")
                .userNameAttributeName("sub").clientName("OpenID Connect").build());
    }

    private Optional<SocialProperties.Provider> provider(String name) {
        return Optional.ofNullable(properties.providers().get(name)).filter(SocialProperties.Provider::enabled);
    }

    private static ClientRegistration.Builder base(String id, SocialProperties.Provider p, String authorize, String token,
                                                   String userInfo) {
        return ClientRegistration.withRegistrationId(id)
                .clientId(p.clientId())
                .clientSecret(p.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT)
                .authorizationUri(or(p.authorizationUri(), authorize))
                .tokenUri(or(p.tokenUri(), token))
                .userInfoUri(or(p.userInfoUri(), userInfo));
    }

    private Mono<OAuth2User> loadUser(OAuth2UserRequest request) {
        if (!request.getClientRegistration().getRegistrationId().equals("vk")) {
            return standardUsers.loadUser(request);
        }
        // VK wraps the user in {"response": [...]}, wants the token and API version as query parameters, and gives
        // the e-mail address in the token response rather than in the profile.
        String uri = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUri();
        return web.get().uri(uri + (uri.contains("?") ? "&" : "?") + "v=5.199&access_token={token}",
                        request.getAccessToken().getTokenValue())
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { })
                .map(body -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> user = ((List<Map<String, Object>>) body.get("response")).get(0);
                    Map<String, Object> attributes = new HashMap<>();
                    attributes.put("id", String.valueOf(user.get("id")));
                    attributes.put("name", (user.getOrDefault("first_name", "") + " " + user.getOrDefault("last_name", "")).strip());
                    Object email = request.getAdditionalParameters().get("email");
                    if (email != null) {
                        attributes.put("email", email.toString());
                    }
                    return new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")), attributes, "id");
                });
    }

    /**
     * The provider's profile in the portal's terms. Only Google says whether it verified the address
     * ({@code email_verified}); Yandex and VK say nothing, so their addresses are not taken as verified.
     */
    static SocialProfile profile(String provider, OAuth2User user, boolean trustsEmailVerified) {
        Map<String, Object> a = user.getAttributes();
        return switch (provider) {
            case "google" -> new SocialProfile(provider, String.valueOf(a.get("sub")), string(a.get("email")),
                    Boolean.TRUE.equals(a.get("email_verified")), string(a.get("name")));
            // A generic provider's "verified" is believed only where the deployment says it may be.
            case OIDC -> new SocialProfile(provider, String.valueOf(a.get("sub")), string(a.get("email")),
                    trustsEmailVerified && Boolean.TRUE.equals(a.get("email_verified")),
                    or(string(a.get("name")), (or(string(a.get("given_name")), "") + " " + or(string(a.get("family_name")), "")).strip()));
            case "yandex" -> new SocialProfile(provider, String.valueOf(a.get("id")), string(a.get("default_email")), false,
                    or(string(a.get("real_name")), string(a.get("display_name"))));
            default -> new SocialProfile(provider, String.valueOf(a.get("id")), string(a.get("email")), false,
                    string(a.get("name")));
        };
    }

    /**
     * Token responses as providers send them: VK leaves out {@code token_type} (it is a bearer token) and adds the
     * user's id and e-mail, which stay available as additional parameters.
     */
    private static BodyExtractor<Mono<OAuth2AccessTokenResponse>, ReactiveHttpInputMessage> lenientTokenResponse() {
        DefaultMapOAuth2AccessTokenResponseConverter converter = new DefaultMapOAuth2AccessTokenResponseConverter();
        BodyExtractor<Mono<Map<String, Object>>, ReactiveHttpInputMessage> json =
                BodyExtractors.toMono(new ParameterizedTypeReference<Map<String, Object>>() { });
        return (input, context) -> json.extract(input, context).map(parameters -> {
            Map<String, Object> withType = new HashMap<>(parameters);
            withType.putIfAbsent("token_type", "bearer");
            return converter.convert(withType);
        });
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}

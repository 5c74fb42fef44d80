package by.ocenka.account.social;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Social login providers by name ({@code google}, {@code yandex}, {@code vk}, and {@code oidc}: any OpenID Connect
 * provider, such as the national ID login, switched on by configuration alone); a provider without a client id is
 * off. Ids and secrets come from the environment ({@code OCENKA_SOCIAL_GOOGLE_CLIENT_ID}...), never the repository.
 * The endpoint addresses default to the providers' real ones; they can be overridden (a test's fake provider).
 */
@ConfigurationProperties("ocenka.social")
public record SocialProperties(Map<String, Provider> providers) {

    public SocialProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    /**
     * @param issuerUri          OpenID Connect only: the issuer; its discovery document gives the endpoints left empty
     * @param jwkSetUri          OpenID Connect only: the keys that sign its ID tokens (from discovery when empty)
     * @param trustEmailVerified OpenID Connect only: whether its {@code email_verified} claim is believed
     */
    public record Provider(String clientId, String clientSecret, String authorizationUri, String tokenUri,
                           String userInfoUri, String issuerUri, String jwkSetUri, boolean trustEmailVerified) {

        boolean enabled() {
            return clientId != null && !clientId.isBlank();
        }
    }
}

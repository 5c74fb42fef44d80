package by.ocenka.account.social;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Social login providers by name ({@code google}, {@code yandex}, {@code vk}); a provider without a client id is
 * off. Ids and secrets come from the environment ({@code OCENKA_SOCIAL_GOOGLE_CLIENT_ID}...), never the repository.
 * The endpoint addresses default to the providers' real ones; they can be overridden (a test's fake provider).
 */
@ConfigurationProperties("ocenka.social")
public record SocialProperties(Map<String, Provider> providers) {

    public SocialProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    public record Provider(String clientId, String clientSecret, String authorizationUri, String tokenUri,
                           String userInfoUri) {

        boolean enabled() {
            return clientId != null && !clientId.isBlank();
        }
    }
}

package by.ocenka.account.social;

/**
 * Who a social login provider says the user is.
 *
 * @param provider      {@code google}, {@code yandex} or {@code vk}
 * @param subject       the provider's id of the user
 * @param email         the address the provider gives, or null
 * @param emailVerified whether the provider vouches for the address
 */
public record SocialProfile(String provider, String subject, String email, boolean emailVerified, String displayName) {
}

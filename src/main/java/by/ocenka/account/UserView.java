package by.ocenka.account;

import java.util.List;

/** A user as the API answers it. */
public record UserView(long id, String email, String displayName, List<Role> roles, boolean emailConfirmed,
                       boolean anonymousReviews) {

    public static UserView of(CurrentUser user) {
        return new UserView(user.id(), user.email(), user.displayName(), user.roles().stream().sorted().toList(),
                user.emailConfirmed(), user.anonymousReviews());
    }
}

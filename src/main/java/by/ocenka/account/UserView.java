package by.ocenka.account;

import java.util.List;

/**
 * A user as the API answers it.
 *
 * @param mailOnReply whether the user is mailed when an organisation answers one of their questionnaires
 */
public record UserView(long id, String email, String displayName, List<Role> roles, boolean emailConfirmed,
                       boolean anonymousReviews, boolean mailOnReply) {

    public static UserView of(CurrentUser user, boolean mailOnReply) {
        return new UserView(user.id(), user.email(), user.displayName(), user.roles().stream().sorted().toList(),
                user.emailConfirmed(), user.anonymousReviews(), mailOnReply);
    }
}

package by.ocenka.account;

import by.ocenka.platform.ApiException;
import org.springframework.http.HttpStatus;

/**
 * What a handler asks of its caller, checked by the handler itself whatever the security chain let through (a filter
 * skipped or a rule forgotten must never open a desk): 401 without a signed-in user, 403 without the role.
 */
public final class Callers {

    private Callers() {
    }

    /** Anyone signed in. */
    public static CurrentUser signedIn(CurrentUser user) {
        if (user == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized");
        }
        return user;
    }

    /** A moderator or a portal admin. */
    public static CurrentUser moderator(CurrentUser user) {
        return withAny(user, Role.MODERATOR, Role.ADMIN);
    }

    /** A portal admin. */
    public static CurrentUser admin(CurrentUser user) {
        return withAny(user, Role.ADMIN);
    }

    /** Organisation staff (either role) or a portal admin; the cabinet then checks the organisation's scope. */
    public static CurrentUser staff(CurrentUser user) {
        return withAny(user, Role.ORG_ADMIN, Role.ORG_RESPONDER, Role.ADMIN);
    }

    private static CurrentUser withAny(CurrentUser user, Role... roles) {
        signedIn(user);
        for (Role role : roles) {
            if (user.has(role)) {
                return user;
            }
        }
        throw new ApiException(HttpStatus.FORBIDDEN, "forbidden");
    }
}

package by.ocenka.account;

/** What the account feature announces to the others (Spring application events, published after the change). */
public final class AccountEvents {

    private AccountEvents() {
    }

    /** A user changed the name their reviews are signed with ({@code signature} null: anonymous from now on). */
    public record Renamed(long userId, String signature) {
    }

    /** An organisation role was taken away from a user: whatever they held open through it (alerts, digests) goes. */
    public record RoleRevoked(long userId, Role role, long organizationId) {
    }

    /** A user deleted their account: nothing may name them any more. */
    public record Deleted(long userId) {
    }
}

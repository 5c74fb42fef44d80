package by.ocenka.account;

/** What an account may do. An organisation admin's role is scoped to an organisation and its subtree. */
public enum Role {
    CITIZEN, ORG_ADMIN, MODERATOR, ADMIN;

    /** The Spring Security authority, e.g. {@code ROLE_MODERATOR}. */
    public String authority() {
        return "ROLE_" + name();
    }
}

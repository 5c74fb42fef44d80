package by.ocenka.account;

/**
 * What an account may do. The organisation roles are scoped to an organisation and its subtree: an admin manages it
 * (colleagues, criteria, alerts), a responder reads its questionnaires and replies.
 */
public enum Role {
    CITIZEN, ORG_ADMIN, ORG_RESPONDER, MODERATOR, ADMIN;

    /** The Spring Security authority, e.g. {@code ROLE_MODERATOR}. */
    public String authority() {
        return "ROLE_" + name();
    }
}

package by.ocenka.catalog;

/**
 * An organisation moved in the tree (a moderator gave it another parent): a Spring application event on the instance
 * that made the change, after the commit, for what is placed by parent (the rankings among a parent's subordinates).
 */
public record OrganizationMoved(long organizationId, Long fromParentId, Long toParentId) {
}

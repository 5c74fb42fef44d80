package by.ocenka.catalog;

/**
 * An organisation's details changed (its profile): a Spring application event, published on every instance within
 * moments of the commit (through Redis), for whatever keeps catalogue data in memory.
 */
public record OrganizationChanged(long organizationId) {
}

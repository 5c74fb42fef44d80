package by.ocenka.catalog;

import java.util.List;

/**
 * Organisations joined the catalogue (a moderator approved a request, or a registry was imported): a Spring
 * application event, published after the change committed, for whatever keeps catalogue data in memory.
 */
public record OrganizationsAdded(List<Long> organizationIds) {
}

package by.ocenka.catalog;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What identifies an organisation in the catalogue and is changed only by the moderators, on request: its name, its
 * UNP and its parent (where it sits in the tree).
 */
public record OrganizationIdentity(String name, @Schema(nullable = true) String unp,
                                   @Schema(nullable = true) Long parentId) {
}

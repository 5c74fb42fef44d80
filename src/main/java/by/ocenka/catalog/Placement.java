package by.ocenka.catalog;

/**
 * Where an active organisation sits: the sphere, region and parent whose rankings it takes part in.
 *
 * @param parentId the body directly above it, or null for a top body
 */
public record Placement(long id, int sphereId, int regionId, Long parentId) {
}

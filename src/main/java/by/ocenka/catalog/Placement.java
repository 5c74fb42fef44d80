package by.ocenka.catalog;

/**
 * Where an active organisation sits: the sphere, region, district and parent whose rankings it takes part in.
 *
 * @param districtId its district, or null when the catalogue does not know it
 * @param parentId   the body directly above it, or null for a top body
 */
public record Placement(long id, int sphereId, int regionId, Integer districtId, Long parentId) {
}

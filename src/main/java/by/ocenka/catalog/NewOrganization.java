package by.ocenka.catalog;

/**
 * An organisation to add to the catalogue (from an approved request or a registry import). The region follows
 * from the district.
 */
public record NewOrganization(String name, String shortName, String unp, int sphereId, int categoryId, int districtId,
                              String address, Double lat, Double lon, Long parentId, String phone, String site,
                              String hours) {
}

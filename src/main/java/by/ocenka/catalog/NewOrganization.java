package by.ocenka.catalog;

/**
 * An organisation to add to the catalogue (from an approved request or a registry import). The region follows
 * from the district.
 */
public record NewOrganization(String name, String shortName, String unp, int sphereId, int categoryId, int districtId,
                              String address, Double lat, Double lon, Long parentId, String phone, String site,
                              String hours) {

    /**
     * A site is a web address: http or https, nothing else (a {@code javascript:} link on a public page runs). Written
     * so that the API document can carry it as it is: anchored and without inline flags, as JSON Schema reads patterns.
     */
    public static final String SITE_PATTERN = "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s<>\"']{1,190}$";

    public static boolean isWebAddress(String site) {
        return site == null || site.matches(SITE_PATTERN);
    }
}

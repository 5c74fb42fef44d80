package by.ocenka.catalog;

/**
 * One row of a government body's local registry as uploaded: the sphere and category by code or id, the parent by
 * its UNP (in the catalogue already, or earlier in the same file), coordinates optional.
 *
 * @param line the row's line in the file, for the error report
 */
public record RegistryRow(int line, String name, String unp, String address, String sphere, String category,
                          String parentUnp, String lat, String lon) {
}

/**
 * Catalogue: spheres, categories, regions, districts and organisations with their hierarchy; search, map and QR
 * codes. API: {@link by.ocenka.catalog.CatalogService} (what citizens read), {@link by.ocenka.catalog.CatalogEditor}
 * (adding organisations), {@link by.ocenka.catalog.Organizations} (look-ups other features need: placement, lineage,
 * names), and {@link by.ocenka.catalog.OrganizationScores}, which the rating feature implements so that summaries
 * carry their figures without the catalogue depending on ratings. Owns the tables sphere, category, region,
 * district, organization and search_word.
 */
package by.ocenka.catalog;

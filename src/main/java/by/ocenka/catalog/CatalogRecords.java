package by.ocenka.catalog;

import java.util.List;
import java.util.Map;

import by.ocenka.platform.Page;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.SchemaResolution.INLINE;

/** What the catalogue answers, as the API contract names it. */
public final class CatalogRecords {

    private CatalogRecords() {
    }

    /**
     * A search page and, when the words as typed found nothing and near spellings were searched instead, those
     * spellings ("did you mean"), else null.
     */
    public record SearchResults(Page<OrganizationSummary> page, String didYouMean) {
    }

    public record Named(long id, String name) {
    }

    public record SphereView(int id, String code, String name, String icon, long organizationsCount, List<Named> categories) {
    }

    public record RegionView(int id, String name, List<Named> districts) {
    }

    /**
     * A list entry; score, satisfaction and rank stay null while the organisation is unrated, lat and lon while it is
     * not on the map.
     */
    public record OrganizationSummary(long id, String name, @Schema(nullable = true) String shortName, Named sphere,
                                      Named category, Named region, String address, @Schema(nullable = true) Double lat,
                                      @Schema(nullable = true) Double lon,
                                      @Schema(nullable = true, description = "The official mean, 1–5") Double score,
                                      long ratingsCount,
                                      @Schema(nullable = true, description = "Percent, 0–100") Double satisfaction,
                                      @Schema(nullable = true) Integer rank) {

        public OrganizationSummary withScore(OrganizationScores.Score s) {
            return new OrganizationSummary(id, name, shortName, sphere, category, region, address, lat, lon, s.score(),
                    s.ratingsCount(), s.satisfaction(), s.rank());
        }
    }

    /** An organisation's page: the summary's fields and its details; what it does not have is null. */
    // A null object is documented inline: OpenAPI 3.0 ignores "nullable" beside a $ref.
    public record OrganizationDetail(long id, String name, @Schema(nullable = true) String shortName, Named sphere,
                                     Named category, Named region,
                                     @Schema(nullable = true, schemaResolution = INLINE) Named district,
                                     String address, @Schema(nullable = true) Double lat,
                                     @Schema(nullable = true) Double lon, @Schema(nullable = true) Double score,
                                     long ratingsCount, @Schema(nullable = true) Double satisfaction,
                                     @Schema(nullable = true) Integer rank, @Schema(nullable = true) String unp,
                                     @Schema(nullable = true) String phone, @Schema(nullable = true) String site,
                                     @Schema(nullable = true) String hours,
                                     @Schema(nullable = true) String email,
                                     @Schema(nullable = true) String description,
                                     @Schema(description = "The services and procedures a citizen may pick on the form")
                                     List<OfferedService> services,
                                     @Schema(nullable = true, schemaResolution = INLINE) Named parent,
                                     long childrenCount, String rateUrl, String qrUrl,
                                     List<OrganizationScores.Criterion> criteria,
                                     @Schema(description = "Criterion code → mean of the rated criteria")
                                     Map<String, Double> criteriaScores,
                                     @Schema(description = "Scope (country, sphere, region, sphere-region: the sphere "
                                             + "within the region, district, parent) → official rank; none while too few "
                                             + "questionnaires") Map<String, Integer> ranks,
                                     @Schema(nullable = true, schemaResolution = INLINE, description = "How it answered "
                                             + "over the past year (rate null when no questionnaire asked for a reply; "
                                             + "helpfulShare null under five marks)")
                                     OrganizationScores.Replies replies) {

        /** The site as a link, only when it is a web address (older rows were not checked when stored). */
        public String siteLink() {
            return site != null && NewOrganization.isWebAddress(site) ? site : null;
        }

        public OrganizationDetail withRatings(OrganizationScores.Details d) {
            OrganizationScores.Score s = d.score();
            return new OrganizationDetail(id, name, shortName, sphere, category, region, district, address, lat, lon,
                    s.score(), s.ratingsCount(), s.satisfaction(), s.rank(), unp, phone, site, hours, email, description,
                    services, parent, childrenCount, rateUrl, qrUrl, d.criteria(), d.criteriaScores(), d.ranks(),
                    d.replies());
        }

        public OrganizationDetail withServices(List<OfferedService> offered) {
            return new OrganizationDetail(id, name, shortName, sphere, category, region, district, address, lat, lon,
                    score, ratingsCount, satisfaction, rank, unp, phone, site, hours, email, description, offered, parent,
                    childrenCount, rateUrl, qrUrl, criteria, criteriaScores, ranks, replies);
        }
    }
}

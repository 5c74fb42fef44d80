package by.ocenka.catalog;

import java.util.List;
import java.util.Map;

/** What the catalogue answers, as the API contract names it. */
public final class CatalogRecords {

    private CatalogRecords() {
    }

    /**
     * A search page and, when the words as typed found nothing and near spellings were searched instead, those
     * spellings ("did you mean"), else null.
     */
    public record SearchResults(by.ocenka.platform.Page<OrganizationSummary> page, String didYouMean) {
    }

    public record Named(long id, String name) {
    }

    public record SphereView(int id, String code, String name, String icon, long organizationsCount, List<Named> categories) {
    }

    public record RegionView(int id, String name, List<Named> districts) {
    }

    /** A list entry; score, satisfaction and rank stay null while the organisation is unrated. */
    public record OrganizationSummary(long id, String name, String shortName, Named sphere, Named category, Named region,
                                      String address, Double lat, Double lon, Double score, long ratingsCount,
                                      Double satisfaction, Integer rank) {

        public OrganizationSummary withScore(OrganizationScores.Score s) {
            return new OrganizationSummary(id, name, shortName, sphere, category, region, address, lat, lon, s.score(),
                    s.ratingsCount(), s.satisfaction(), s.rank());
        }
    }

    public record OrganizationDetail(long id, String name, String shortName, Named sphere, Named category, Named region,
                                     Named district, String address, Double lat, Double lon, Double score,
                                     long ratingsCount, Double satisfaction, Integer rank, String unp, String phone,
                                     String site, String hours, Named parent, long childrenCount, String rateUrl,
                                     String qrUrl, List<OrganizationScores.Criterion> criteria,
                                     Map<String, Double> criteriaScores, Map<String, Integer> ranks) {

        /** The site as a link, only when it is a web address (older rows were not checked when stored). */
        public String siteLink() {
            return site != null && NewOrganization.isWebAddress(site) ? site : null;
        }

        public OrganizationDetail withRatings(OrganizationScores.Details d) {
            OrganizationScores.Score s = d.score();
            return new OrganizationDetail(id, name, shortName, sphere, category, region, district, address, lat, lon,
                    s.score(), s.ratingsCount(), s.satisfaction(), s.rank(), unp, phone, site, hours, parent,
                    childrenCount, rateUrl, qrUrl, d.criteria(), d.criteriaScores(), d.ranks());
        }
    }
}

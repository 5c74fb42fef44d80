package by.ocenka.rating.pages;

import java.util.LinkedHashMap;
import java.util.Map;

import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links to the ranking page that keep every parameter: its pager's, and those of an organisation's rankings. A
 * district's ranking is asked for as its region's with the district picked ({@code scope=region&id=R&district=D}),
 * as the page's form sends it.
 */
record RankingLinks(String scope, Long id, Integer region, Integer district, String order) {

    /** Another page of this ranking. */
    public String page(int page) {
        UriComponentsBuilder b = base(scope, id, region, district);
        add(b, "order", order);
        return b.queryParam("page", page).build().encode().toUriString();
    }

    /** The ranking page of each scope an organisation is ranked in, in the order its page lists them. */
    static Map<String, String> of(OrganizationDetail org) {
        Map<String, String> links = new LinkedHashMap<>();
        long sphere = org.sphere().id();
        long region = org.region().id();
        links.put("country", "/rating");
        links.put("sphere", link("sphere", sphere, null, null));
        links.put("region", link("region", region, null, null));
        links.put("sphere-region", link("sphere", sphere, (int) region, null));
        if (org.district() != null) {
            links.put("district", link("region", region, null, (int) org.district().id()));
        }
        if (org.parent() != null) {
            links.put("parent", link("parent", org.parent().id(), null, null));
        }
        return links;
    }

    private static String link(String scope, Long id, Integer region, Integer district) {
        return base(scope, id, region, district).build().encode().toUriString();
    }

    private static UriComponentsBuilder base(String scope, Long id, Integer region, Integer district) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/rating");
        add(b, "scope", scope);
        add(b, "id", id);
        add(b, "region", region);
        add(b, "district", district);
        return b;
    }

    private static void add(UriComponentsBuilder b, String name, Object value) {
        if (value != null) {
            b.queryParam(name, value);
        }
    }
}

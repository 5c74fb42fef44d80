package by.ocenka.rating.pages;

import java.util.Locale;

import by.ocenka.catalog.OrganizationQuery;
import org.springframework.web.util.UriComponentsBuilder;

/** The search page's links that keep the current search: another page, another sort, a filter more or less. */
record SearchLinks(OrganizationQuery query) {

    public String page(int page) {
        return base(query.sort().name().toLowerCase(Locale.ROOT)).queryParam("page", page).build().encode().toUriString();
    }

    public String sort(String sort) {
        return base(sort).build().encode().toUriString();
    }

    private UriComponentsBuilder base(String sort) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/search");
        add(b, "q", query.text());
        add(b, "sphere", query.sphere());
        add(b, "category", query.category());
        add(b, "region", query.region());
        add(b, "district", query.district());
        add(b, "parent", query.parent());
        add(b, "sort", sort);
        if (query.near() != null) {
            b.queryParam("near", query.near().lat() + "," + query.near().lon());
        }
        return b;
    }

    private static void add(UriComponentsBuilder b, String name, Object value) {
        if (value != null) {
            b.queryParam(name, value);
        }
    }
}

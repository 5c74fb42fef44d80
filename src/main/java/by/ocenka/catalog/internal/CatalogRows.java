package by.ocenka.catalog.internal;

import java.util.Locale;

import by.ocenka.catalog.CatalogRecords.Named;
import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;

/** What the catalogue's queries share: the summary's columns and joins, its row mapping, and the language column. */
final class CatalogRows {

    /** The columns of a summary; {@code %1$s} is the language suffix of the names. */
    static final String SUMMARY_COLUMNS = """
            o.id, o.name, o.short_name, o.address, o.latitude, o.longitude,
            s.id AS sphere_id, s.name_%1$s AS sphere_name, c.id AS category_id, c.name_%1$s AS category_name,
            r.id AS region_id, r.name_%1$s AS region_name""";
    static final String SUMMARY_JOINS = """
            FROM organization o
            JOIN sphere s ON s.id = o.sphere_id
            JOIN category c ON c.id = o.category_id
            JOIN region r ON r.id = o.region_id""";

    private CatalogRows() {
    }

    static OrganizationSummary summary(Readable row) {
        return new OrganizationSummary(row.get("id", Long.class), row.get("name", String.class),
                row.get("short_name", String.class),
                new Named(row.get("sphere_id", Short.class), row.get("sphere_name", String.class)),
                new Named(row.get("category_id", Integer.class), row.get("category_name", String.class)),
                new Named(row.get("region_id", Short.class), row.get("region_name", String.class)),
                row.get("address", String.class), row.get("latitude", Double.class), row.get("longitude", Double.class),
                null, 0, null, null);
    }

    /** The column suffix of the request's language: ru, be or en. */
    static String language(Locale locale) {
        String language = locale.getLanguage();
        return language.equals("be") || language.equals("en") ? language : "ru";
    }

    static <T> DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
                                                              T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}

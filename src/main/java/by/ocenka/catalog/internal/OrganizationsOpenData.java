package by.ocenka.catalog.internal;

import java.util.Arrays;
import java.util.List;

import by.ocenka.platform.OpenDataSet;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** The catalogue as open data: every active organisation with its place, sphere and parent (no people in it). */
@Component
class OrganizationsOpenData implements OpenDataSet {

    private static final List<Column> COLUMNS = List.of(
            new Column("id", "integer", "opendata.column.id"),
            new Column("name", "text", "opendata.column.name"),
            new Column("short_name", "text", "opendata.column.short_name"),
            new Column("unp", "text", "opendata.column.unp"),
            new Column("sphere", "text", "opendata.column.sphere"),
            new Column("category", "text", "opendata.column.category"),
            new Column("region", "text", "opendata.column.region"),
            new Column("district", "text", "opendata.column.district"),
            new Column("address", "text", "opendata.column.address"),
            new Column("latitude", "number", "opendata.column.latitude"),
            new Column("longitude", "number", "opendata.column.longitude"),
            new Column("parent_id", "integer", "opendata.column.parent_id"));

    private final DatabaseClient db;

    OrganizationsOpenData(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public String name() {
        return "organizations";
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public Flux<List<Object>> rows() {
        return db.sql("""
                        SELECT o.id, o.name, o.short_name, o.unp, s.code AS sphere, c.code AS category, r.code AS region,
                               d.name_ru AS district, o.address, o.latitude, o.longitude, o.parent_id
                        FROM organization o
                        JOIN sphere s ON s.id = o.sphere_id JOIN category c ON c.id = o.category_id
                        JOIN region r ON r.id = o.region_id LEFT JOIN district d ON d.id = o.district_id
                        WHERE o.status = 'ACTIVE' ORDER BY o.id""")
                .map(row -> Arrays.<Object>asList(row.get("id", Long.class), row.get("name", String.class),
                        row.get("short_name", String.class), row.get("unp", String.class), row.get("sphere", String.class),
                        row.get("category", String.class), row.get("region", String.class), row.get("district", String.class),
                        row.get("address", String.class), row.get("latitude", Double.class), row.get("longitude", Double.class),
                        row.get("parent_id", Long.class)))
                .all();
    }
}

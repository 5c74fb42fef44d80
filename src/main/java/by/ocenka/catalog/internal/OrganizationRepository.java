package by.ocenka.catalog.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import by.ocenka.catalog.CatalogRecords.Named;
import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.NewOrganization;
import by.ocenka.catalog.OrganizationIdentity;
import by.ocenka.catalog.Placement;
import by.ocenka.catalog.SortableFigures;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static by.ocenka.catalog.internal.CatalogRows.bindNullable;

/** The organisation table: one organisation's detail, look-ups by id and UNP, lineage, inserts, sortable figures. */
@Repository
public class OrganizationRepository {

    /** An organisation's id and district, as a registry import needs for parents. */
    public record Placed(long id, Integer districtId) {
    }

    private final DatabaseClient db;

    OrganizationRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The organisations (any status) holding these UNPs. */
    public Mono<Map<String, Placed>> byUnp(List<String> unps) {
        if (unps.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT id, unp, district_id FROM organization WHERE unp = ANY(:unps)")
                .bind("unps", unps.toArray(String[]::new))
                .map(row -> Map.entry(row.get("unp", String.class), new Placed(row.get("id", Long.class),
                        row.get("district_id", Integer.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Inserts an active organisation, its region taken from its district; answers the new id. */
    public Mono<Long> insert(NewOrganization o) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO organization (name, short_name, unp, sphere_id, category_id, region_id, district_id,
                                                  address, latitude, longitude, parent_id, phone, site, hours, status)
                        SELECT :name, :shortName, :unp, :sphere, :category, d.region_id, d.id, :address, :lat, :lon,
                               :parent, :phone, :site, :hours, 'ACTIVE'
                        FROM district d WHERE d.id = :district
                        RETURNING id""")
                .bind("name", o.name())
                .bind("sphere", (short) o.sphereId())
                .bind("category", o.categoryId())
                .bind("district", o.districtId())
                .bind("address", o.address());
        spec = bindNullable(spec, "shortName", o.shortName(), String.class);
        spec = bindNullable(spec, "unp", o.unp(), String.class);
        spec = bindNullable(spec, "lat", o.lat(), Double.class);
        spec = bindNullable(spec, "lon", o.lon(), Double.class);
        spec = bindNullable(spec, "parent", o.parentId(), Long.class);
        spec = bindNullable(spec, "phone", o.phone(), String.class);
        spec = bindNullable(spec, "site", o.site(), String.class);
        spec = bindNullable(spec, "hours", o.hours(), String.class);
        return spec.map(row -> row.get("id", Long.class)).one();
    }

    public Mono<Placement> placement(long id) {
        return db.sql("SELECT id, sphere_id, region_id, district_id, parent_id FROM organization WHERE id = :id AND status = 'ACTIVE'")
                .bind("id", id).map(row -> placement(row)).one();
    }

    public Flux<Placement> placements() {
        return db.sql("SELECT id, sphere_id, region_id, district_id, parent_id FROM organization WHERE status = 'ACTIVE'")
                .map(row -> placement(row)).all();
    }

    /** The active organisations that have a UNP: UNP → id. */
    public Mono<Map<String, Long>> activeUnps() {
        return db.sql("SELECT unp, id FROM organization WHERE status = 'ACTIVE' AND unp IS NOT NULL")
                .map(row -> Map.entry(row.get("unp", String.class), row.get("id", Long.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static Placement placement(Readable row) {
        return new Placement(row.get("id", Long.class), row.get("sphere_id", Short.class),
                row.get("region_id", Short.class), row.get("district_id", Integer.class), row.get("parent_id", Long.class));
    }

    /** The organisation and its ancestors, nearest first (empty when it is not active). */
    public Mono<List<Long>> lineage(long id) {
        return db.sql("""
                        WITH RECURSIVE up(id, parent_id, depth) AS (
                            SELECT id, parent_id, 0 FROM organization WHERE id = :id AND status = 'ACTIVE'
                            UNION ALL
                            SELECT o.id, o.parent_id, up.depth + 1 FROM organization o JOIN up ON o.id = up.parent_id
                            WHERE up.depth < 32)
                        SELECT id FROM up ORDER BY depth""")
                .bind("id", id).map(row -> row.get("id", Long.class)).all().collectList();
    }

    public Mono<Map<Long, String>> names(Collection<Long> ids) {
        return db.sql("SELECT id, name FROM organization WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(Long[]::new))
                .map(row -> Map.entry(row.get("id", Long.class), row.get("name", String.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Active organisations by exact name (the first of equal names). */
    public Mono<Map<String, Long>> idsByName(Collection<String> names) {
        return db.sql("SELECT name, min(id) AS id FROM organization WHERE status = 'ACTIVE' AND name = ANY(:names) GROUP BY name")
                .bind("names", names.toArray(String[]::new))
                .map(row -> Map.entry(row.get("name", String.class), row.get("id", Long.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The active organisations of a subtree, the head first, then by depth and id. */
    public Mono<List<Long>> subtree(long id, int limit) {
        return db.sql("SELECT c.descendant_id FROM org_closure c JOIN organization o ON o.id = c.descendant_id "
                        + "WHERE c.ancestor_id = :id AND o.status = 'ACTIVE' ORDER BY c.depth, c.descendant_id LIMIT :limit")
                .bind("id", id).bind("limit", limit).map(row -> row.get("descendant_id", Long.class)).all().collectList();
    }

    /** The organisation and everything below it, any status, the head first, then by depth. */
    public Mono<List<Long>> descendants(long id, int limit) {
        return db.sql("SELECT descendant_id FROM org_closure WHERE ancestor_id = :id ORDER BY depth, descendant_id LIMIT :limit")
                .bind("id", id).bind("limit", limit).map(row -> row.get("descendant_id", Long.class)).all().collectList();
    }

    /** The organisation (any status) and its ancestors, nearest first; empty for an unknown id. */
    public Mono<List<Long>> ancestors(long id) {
        return db.sql("SELECT ancestor_id FROM org_closure WHERE descendant_id = :id ORDER BY depth")
                .bind("id", id).map(row -> row.get("ancestor_id", Long.class)).all().collectList();
    }

    /** How many organisations (itself included) each of these heads. */
    public Mono<Map<Long, Integer>> subtreeSizes(Collection<Long> ids) {
        return db.sql("SELECT ancestor_id, count(*) AS n FROM org_closure WHERE ancestor_id = ANY(:ids) GROUP BY ancestor_id")
                .bind("ids", ids.toArray(Long[]::new))
                .map(row -> Map.entry(row.get("ancestor_id", Long.class), row.get("n", Long.class).intValue()))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The name, UNP and parent of an organisation (any status); empty for an unknown id. */
    public Mono<OrganizationIdentity> identity(long id) {
        return db.sql("SELECT name, unp, parent_id FROM organization WHERE id = :id").bind("id", id)
                .map(row -> new OrganizationIdentity(row.get("name", String.class), row.get("unp", String.class),
                        row.get("parent_id", Long.class)))
                .one();
    }

    /** The identities of these organisations (any status), by id. */
    public Mono<Map<Long, OrganizationIdentity>> identities(Collection<Long> ids) {
        return db.sql("SELECT id, name, unp, parent_id FROM organization WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(Long[]::new))
                .map(row -> Map.entry(row.get("id", Long.class), new OrganizationIdentity(row.get("name", String.class),
                        row.get("unp", String.class), row.get("parent_id", Long.class))))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Writes a new name, UNP and parent (the closure follows the parent by trigger). */
    public Mono<Void> updateIdentity(long id, OrganizationIdentity identity) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("UPDATE organization SET name = :name, unp = :unp, parent_id = :parent "
                + "WHERE id = :id").bind("id", id).bind("name", identity.name());
        spec = identity.unp() == null ? spec.bindNull("unp", String.class) : spec.bind("unp", identity.unp());
        spec = identity.parentId() == null ? spec.bindNull("parent", Long.class) : spec.bind("parent", identity.parentId());
        return spec.then();
    }

    /** Whether {@code descendantId} is {@code ancestorId} or below it. */
    public Mono<Boolean> isWithin(long descendantId, long ancestorId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM org_closure WHERE ancestor_id = :a AND descendant_id = :d) AS found")
                .bind("a", ancestorId).bind("d", descendantId)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    public Mono<Boolean> isActive(long id) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM organization WHERE id = :id AND status = 'ACTIVE') AS found")
                .bind("id", id)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    public Mono<List<OrganizationSummary>> summaries(List<Long> ids, Locale locale) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("SELECT " + CatalogRows.SUMMARY_COLUMNS.formatted(CatalogRows.language(locale)) + " "
                        + CatalogRows.SUMMARY_JOINS + " WHERE o.id = ANY(:ids) AND o.status = 'ACTIVE'")
                .bind("ids", ids.toArray(Long[]::new))
                .map(CatalogRows::summary)
                .all()
                .collectMap(OrganizationSummary::id)
                .map(byId -> ids.stream().map(byId::get).filter(Objects::nonNull).toList());
    }

    /** The sortable copies of the ratings (kept by the rating feature's reconciler); only changed rows are written. */
    public Mono<Void> updateRatings(List<SortableFigures> figures) {
        return db.sql("""
                        UPDATE organization o SET ratings_count = u.n, score = u.score, rank_score = u.rank_score
                        FROM unnest(:ids::bigint[], :counts::bigint[], :scores::float8[], :rankScores::float8[])
                             AS u(id, n, score, rank_score)
                        WHERE o.id = u.id AND (o.ratings_count, o.score, o.rank_score)
                              IS DISTINCT FROM (u.n, u.score, u.rank_score)""")
                .bind("ids", figures.stream().map(SortableFigures::organizationId).toArray(Long[]::new))
                .bind("counts", figures.stream().map(SortableFigures::ratingsCount).toArray(Long[]::new))
                .bind("scores", figures.stream().map(SortableFigures::score).toArray(Double[]::new))
                .bind("rankScores", figures.stream().map(SortableFigures::rankScore).toArray(Double[]::new))
                .then();
    }

    /** An active organisation's detail without its figures (the rating feature adds them). */
    public Mono<OrganizationDetail> detail(long id, Locale locale, String rateUrl) {
        String lang = CatalogRows.language(locale);
        return db.sql("SELECT " + CatalogRows.SUMMARY_COLUMNS.formatted(lang) + """
                        , o.unp, o.phone, o.site, o.hours, o.email, o.description, o.status,
                          d.id AS district_id, coalesce(d.name_%1$s, d.name_ru) AS district_name,
                          p.id AS parent_id, p.name AS parent_name,
                          (SELECT count(*) FROM organization ch WHERE ch.parent_id = o.id AND ch.status = 'ACTIVE') AS children
                        """.formatted(lang) + CatalogRows.SUMMARY_JOINS + """
                         LEFT JOIN district d ON d.id = o.district_id
                         LEFT JOIN organization p ON p.id = o.parent_id
                        WHERE o.id = :id AND o.status = 'ACTIVE'""")
                .bind("id", id)
                .map(row -> {
                    OrganizationSummary s = CatalogRows.summary(row);
                    Integer districtId = row.get("district_id", Integer.class);
                    Long parentId = row.get("parent_id", Long.class);
                    return new OrganizationDetail(s.id(), s.name(), s.shortName(), s.sphere(), s.category(), s.region(),
                            districtId == null ? null : new Named(districtId, row.get("district_name", String.class)),
                            s.address(), s.lat(), s.lon(), null, 0, null, null, row.get("unp", String.class),
                            row.get("phone", String.class), row.get("site", String.class), row.get("hours", String.class),
                            row.get("email", String.class), row.get("description", String.class), List.of(),
                            parentId == null ? null : new Named(parentId, row.get("parent_name", String.class)),
                            row.get("children", Long.class), rateUrl,
                            "/api/v1/organizations/" + s.id() + "/qr?format=svg", List.of(), Map.of(), Map.of(), null);
                })
                .one();
    }
}

package by.ocenka.catalog.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import by.ocenka.catalog.OfferedService;
import by.ocenka.catalog.OrganizationProfile;
import by.ocenka.catalog.OrganizationProfile.Service;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An organisation's own details on its row and its list of services ({@code organization_service}). */
@Repository
public class ProfileRepository {

    private final DatabaseClient db;

    ProfileRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The profile of an organisation (any status but archived), its services in their order; empty when unknown. */
    public Mono<OrganizationProfile> profile(long organizationId) {
        return db.sql("SELECT address, phone, email, site, hours, description FROM organization WHERE id = :id AND status <> 'ARCHIVED'")
                .bind("id", organizationId)
                .map(row -> new OrganizationProfile(row.get("address", String.class), row.get("phone", String.class),
                        row.get("email", String.class), row.get("site", String.class), row.get("hours", String.class),
                        row.get("description", String.class), List.of()))
                .one()
                .zipWith(services(organizationId).collectList(), (profile, services) -> new OrganizationProfile(
                        profile.address(), profile.phone(), profile.email(), profile.site(), profile.hours(),
                        profile.description(), services));
    }

    private Flux<Service> services(long organizationId) {
        return db.sql("""
                        SELECT id, name_ru, name_be, name_en, is_procedure FROM organization_service
                        WHERE organization_id = :id AND retired_at IS NULL ORDER BY position, id""")
                .bind("id", organizationId)
                .map(row -> {
                    Map<String, String> name = new HashMap<>();
                    name.put("ru", row.get("name_ru", String.class));
                    putIfPresent(name, "be", row.get("name_be", String.class));
                    putIfPresent(name, "en", row.get("name_en", String.class));
                    return new Service(row.get("id", Long.class), Map.copyOf(name), row.get("is_procedure", Boolean.class));
                })
                .all();
    }

    /** The services citizens may pick, named in this language (Russian where there is no other). */
    public Mono<List<OfferedService>> offered(long organizationId, Locale locale) {
        String language = CatalogRows.language(locale);
        return db.sql("""
                        SELECT s.id, coalesce(s.name_%s, s.name_ru) AS name, s.is_procedure
                        FROM organization_service s JOIN organization o ON o.id = s.organization_id AND o.status = 'ACTIVE'
                        WHERE s.organization_id = :id AND s.retired_at IS NULL ORDER BY s.position, s.id""".formatted(language))
                .bind("id", organizationId)
                .map(row -> new OfferedService(row.get("id", Long.class), row.get("name", String.class),
                        row.get("is_procedure", Boolean.class)))
                .all()
                .collectList();
    }

    /**
     * Writes the profile (in the caller's transaction): the row's details, then the services: those named by id are
     * renamed and reordered, new ones added, the rest retired. Ids that are not the organisation's are taken as new.
     */
    public Mono<Void> write(long organizationId, OrganizationProfile profile) {
        Mono<Void> details = db.sql("""
                        UPDATE organization SET address = :address, phone = :phone, email = :email, site = :site,
                               hours = :hours, description = :description WHERE id = :id""")
                .bind("id", organizationId).bind("address", profile.address())
                .bind("phone", nullable(profile.phone())).bind("email", nullable(profile.email()))
                .bind("site", nullable(profile.site())).bind("hours", nullable(profile.hours()))
                .bind("description", nullable(profile.description()))
                .then();
        return details.then(services(organizationId).map(Service::id).collect(Collectors.toSet()))
                .flatMap(kept -> writeServices(organizationId, profile.services(), kept));
    }

    private Mono<Void> writeServices(long organizationId, List<Service> services, Set<Long> existing) {
        List<Mono<Long>> writes = new ArrayList<>();
        for (int position = 0; position < services.size(); position++) {
            Service service = services.get(position);
            boolean known = service.id() != null && existing.contains(service.id());
            String sql = known ? """
                    UPDATE organization_service SET name_ru = :ru, name_be = :be, name_en = :en, is_procedure = :procedure,
                           position = :position WHERE id = :serviceId RETURNING id"""
                    : """
                    INSERT INTO organization_service (organization_id, name_ru, name_be, name_en, is_procedure, position)
                    VALUES (:organization, :ru, :be, :en, :procedure, :position) RETURNING id""";
            DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("ru", service.name().get("ru"))
                    .bind("be", nullable(service.name().get("be"))).bind("en", nullable(service.name().get("en")))
                    .bind("procedure", service.procedure()).bind("position", position);
            spec = known ? spec.bind("serviceId", service.id()) : spec.bind("organization", organizationId);
            writes.add(spec.map(row -> row.get("id", Long.class)).one());
        }
        return Flux.concat(writes).collectList().flatMap(written -> db.sql("""
                        UPDATE organization_service SET retired_at = now()
                        WHERE organization_id = :organization AND retired_at IS NULL AND NOT (id = ANY(:written))""")
                .bind("organization", organizationId).bind("written", written.toArray(Long[]::new)).then());
    }

    private static void putIfPresent(Map<String, String> name, String language, String value) {
        if (value != null) {
            name.put(language, value);
        }
    }

    /** A value or a typed null, as R2DBC binds them. */
    private static Parameter nullable(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }
}

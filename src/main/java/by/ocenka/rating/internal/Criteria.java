package by.ocenka.rating.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import by.ocenka.catalog.OrganizationScores;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The criteria an organisation is rated on: the five base ones and the extra ones its own body and every body above
 * it set. Read on every submission, they change rarely: kept per organisation for a minute.
 */
@Component
public class Criteria {

    /** One criterion with its names. */
    public record Criterion(String code, boolean base, String nameRu, String nameBe, String nameEn) {
        public String name(Locale locale) {
            return switch (locale.getLanguage()) {
                case "be" -> nameBe;
                case "en" -> nameEn;
                default -> nameRu;
            };
        }

        public OrganizationScores.Criterion view(Locale locale) {
            return new OrganizationScores.Criterion(code, name(locale), base);
        }
    }

    private final DatabaseClient db;
    private final ReactiveCache<Long, List<Criterion>> cache;

    Criteria(DatabaseClient db, Organizations organizations, ReactiveCaches caches) {
        this.db = db;
        this.cache = caches.create("rating.criteria", new ReactiveCaches.Spec(Duration.ofMinutes(1), Duration.ofHours(1),
                200_000), id -> organizations.lineage(id).flatMap(this::load));
    }

    /** The organisation's criteria, base ones first. */
    public Mono<List<Criterion>> of(long organizationId) {
        return cache.get(organizationId);
    }

    /** Forget cached criteria (after a body changes its extra criteria). */
    public void clear() {
        cache.invalidateAll();
    }

    private Mono<List<Criterion>> load(List<Long> lineage) {
        return db.sql("""
                        SELECT code, organization_id IS NULL AS base, name_ru, name_be, name_en FROM criterion
                        WHERE organization_id IS NULL OR organization_id = ANY(:lineage)
                        ORDER BY organization_id IS NOT NULL, position, id""")
                .bind("lineage", lineage.toArray(Long[]::new))
                .map(row -> new Criterion(row.get("code", String.class), Boolean.TRUE.equals(row.get("base", Boolean.class)),
                        row.get("name_ru", String.class), row.get("name_be", String.class), row.get("name_en", String.class)))
                .all()
                // An extra criterion cannot shadow a base one (or a nearer body's) of the same code.
                .collect(LinkedHashMap<String, Criterion>::new, (map, c) -> map.putIfAbsent(c.code(), c))
                .map(map -> List.copyOf(map.values()));
    }
}

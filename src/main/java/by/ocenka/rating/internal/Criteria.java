package by.ocenka.rating.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.OrganizationScores;
import by.ocenka.platform.MonoCache;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The criteria an organisation is rated on: the five base ones and the extra ones its own body and every body above
 * it set. Read on every submission, they change rarely: kept per organisation for a minute.
 */
@Component
public class Criteria implements by.ocenka.platform.LocalCache {

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
    private final Organizations organizations;
    private final MonoCache<Long, List<Criterion>> cache = new MonoCache<>(Duration.ofMinutes(1), 50_000);

    Criteria(DatabaseClient db, Organizations organizations) {
        this.db = db;
        this.organizations = organizations;
    }

    /** The organisation's criteria, base ones first. */
    public Mono<List<Criterion>> of(long organizationId) {
        return cache.get(organizationId, id -> organizations.lineage(id).flatMap(this::load));
    }

    /** Forget cached criteria (after a body changes its extra criteria). */
    @Override
    public void clear() {
        cache.clear();
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
                .collect(java.util.LinkedHashMap<String, Criterion>::new, (map, c) -> map.putIfAbsent(c.code(), c))
                .map(map -> List.copyOf(map.values()));
    }
}

package by.ocenka.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.internal.OrganizationRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What other features look up about organisations: whether one is active, where it sits, its lineage and names.
 * Batch look-ups take many ids in one statement.
 */
@Service
public class Organizations {

    private final OrganizationRepository repository;

    Organizations(OrganizationRepository repository) {
        this.repository = repository;
    }

    public Mono<Boolean> isActive(long organizationId) {
        return repository.isActive(organizationId);
    }

    /** Where an organisation sits: what its rankings are per (sphere, region, parent); empty when not active. */
    public Mono<Placement> placement(long organizationId) {
        return repository.placement(organizationId);
    }

    /** The active organisations' placements, for rebuilding every ranking. */
    public Flux<Placement> placements() {
        return repository.placements();
    }

    /** An active organisation and its ancestors up to the top body, nearest first (empty when not active). */
    public Mono<List<Long>> lineage(long organizationId) {
        return repository.lineage(organizationId);
    }

    /** The names of these organisations (any status), by id; unknown ids are left out. */
    public Mono<Map<Long, String>> names(Collection<Long> ids) {
        return ids.isEmpty() ? Mono.just(Map.of()) : repository.names(ids);
    }

    /**
     * Stores the sortable copies of the organisations' figures (the rating feature's reconciler calls this), so that
     * the catalogue can page "best first" with its own indexes.
     */
    public Mono<Void> updateRatings(List<SortableFigures> figures) {
        return repository.updateRatings(figures);
    }
}

package by.ocenka.catalog;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.internal.OrganizationRepository;
import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import org.springframework.context.event.EventListener;
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
    private final ReactiveCache<Long, Boolean> active;
    private final ReactiveCache<Long, List<Long>> ancestors;

    Organizations(OrganizationRepository repository, ReactiveCaches caches) {
        this.repository = repository;
        // Every cabinet request and live stream checks its scope against these: kept, renewed each minute.
        this.ancestors = caches.create("catalog.ancestors", new ReactiveCaches.Spec(Duration.ofMinutes(1), Duration.ofHours(1),
                200_000), repository::ancestors);
        this.active = caches.create("catalog.active", new ReactiveCaches.Spec(Duration.ofMinutes(1), Duration.ofHours(1),
                200_000), repository::isActive);
    }

    /** Whether the organisation is active (asked by every review page and live stream: kept, checked each minute). */
    public Mono<Boolean> isActive(long organizationId) {
        return active.get(organizationId);
    }

    @EventListener
    void catalogueChanged(OrganizationsAdded added) {
        added.organizationIds().forEach(active::invalidate);
        added.organizationIds().forEach(ancestors::invalidate);
    }

    /**
     * An organisation changed on some instance: it may have moved in the tree, which changes the ancestors of its whole
     * subtree (who may see it in a cabinet), so every kept lineage is read again.
     */
    @EventListener
    void organizationChanged(OrganizationChanged changed) {
        active.invalidate(changed.organizationId());
        ancestors.invalidateAll();
    }

    /** The name, UNP and parent of each of these organisations (any status), by id. */
    public Mono<Map<Long, OrganizationIdentity>> identities(Collection<Long> ids) {
        return ids.isEmpty() ? Mono.just(Map.of()) : repository.identities(ids);
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

    /**
     * The organisation (any status) and every body above it, nearest first; empty for an unknown id. The subtree
     * relation is also published as data: the table {@code org_closure(ancestor_id, descendant_id, depth)}, which
     * other modules may join to sum over a subtree (kept by triggers on the organisation table).
     */
    public Mono<List<Long>> ancestors(long organizationId) {
        return ancestors.get(organizationId);
    }

    /** Active organisations by exact name (the demo data's organisation staff find theirs so). */
    public Mono<Map<String, Long>> idsByName(Collection<String> names) {
        return names.isEmpty() ? Mono.just(Map.of()) : repository.idsByName(names);
    }

    /** The active organisations of a subtree (at most {@code limit}), the head first, then by depth. */
    public Mono<List<Long>> subtree(long organizationId, int limit) {
        return repository.subtree(organizationId, limit);
    }

    /** The organisation and everything below it (at most {@code limit}), any status: what its records cover. */
    public Mono<List<Long>> descendants(long organizationId, int limit) {
        return repository.descendants(organizationId, limit);
    }

    /** How many organisations (itself included) each of these heads. */
    public Mono<Map<Long, Integer>> subtreeSizes(Collection<Long> ids) {
        return ids.isEmpty() ? Mono.just(Map.of()) : repository.subtreeSizes(ids);
    }

    /** The organisation with this UNP (the registration number, nine digits), any status; empty when none. */
    public Mono<Long> idByUnp(String unp) {
        return repository.byUnp(List.of(unp)).mapNotNull(found -> found.get(unp)).map(placed -> placed.id());
    }

    /** Every active organisation that has a UNP, by its UNP (a history import resolves thousands of rows at once). */
    public Mono<Map<String, Long>> activeByUnp() {
        return repository.activeUnps();
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

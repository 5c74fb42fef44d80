package by.ocenka.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import by.ocenka.catalog.internal.CatalogChanges;
import by.ocenka.catalog.internal.OrganizationRepository;
import by.ocenka.catalog.internal.ReferenceData;
import by.ocenka.catalog.internal.ReferenceDataRepository;
import by.ocenka.catalog.internal.RegistryImporter;
import by.ocenka.platform.AfterCommit;
import by.ocenka.platform.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * What moderators change in the catalogue: an organisation added on request, a body's whole registry, and an
 * organisation's name, UNP or parent changed on its admins' request.
 */
@Service
public class CatalogEditor {

    private final ReferenceDataRepository reference;
    private final OrganizationRepository organizations;
    private final RegistryImporter registryImporter;
    private final ApplicationEventPublisher events;
    private final CatalogChanges changes;

    CatalogEditor(ReferenceDataRepository reference, OrganizationRepository organizations,
                  RegistryImporter registryImporter, ApplicationEventPublisher events, CatalogChanges changes) {
        this.changes = changes;
        this.reference = reference;
        this.organizations = organizations;
        this.registryImporter = registryImporter;
        this.events = events;
    }

    /**
     * Adds an active organisation after checking it against the reference data and the catalogue: 400 naming
     * each field at fault ({@code sphereId}, {@code categoryId}, {@code districtId}, {@code parentId}, {@code unp}).
     */
    public Mono<Long> createOrganization(NewOrganization organization) {
        List<String> unps = organization.unp() == null ? List.of() : List.of(organization.unp());
        Mono<Boolean> parentExists = organization.parentId() == null ? Mono.just(true)
                : reference.exists("organization", organization.parentId());
        return Mono.zip(reference.referenceData(), organizations.byUnp(unps), parentExists)
                .flatMap(t -> {
                    List<ApiException.FieldProblem> problems = problems(organization, t.getT1(),
                            !t.getT2().isEmpty(), t.getT3());
                    return problems.isEmpty() ? organizations.insert(organization) : Mono.error(ApiException.invalid(problems));
                })
                .flatMap(id -> AfterCommit.run(() -> events.publishEvent(new OrganizationsAdded(List.of(id)))).thenReturn(id));
    }

    /** An organisation's identity before and after a change. */
    public record IdentityChange(OrganizationIdentity before, OrganizationIdentity after) {
    }

    /**
     * Changes an organisation's name, UNP or parent (null: unchanged), in the caller's transaction: 400 naming each
     * field at fault ({@code name}, {@code unp} invalid or another's, {@code parentId} unknown, inactive, itself or
     * below it), 404 when the organisation is unknown. After the commit every instance forgets its copies of the
     * organisation and of both parents, and a move is announced ({@link OrganizationMoved}) for the rankings.
     */
    public Mono<IdentityChange> changeIdentity(long organizationId, OrganizationIdentity wanted) {
        String name = wanted.name() == null || wanted.name().isBlank() ? null : wanted.name().strip();
        String unp = wanted.unp() == null || wanted.unp().isBlank() ? null : wanted.unp().strip();
        Long parentId = wanted.parentId();
        Mono<Boolean> unpTaken = unp == null ? Mono.just(false)
                : organizations.byUnp(List.of(unp)).map(found -> found.containsKey(unp) && found.get(unp).id() != organizationId);
        Mono<Boolean> parentActive = parentId == null ? Mono.just(true) : organizations.isActive(parentId);
        Mono<Boolean> parentBelow = parentId == null ? Mono.just(false) : organizations.isWithin(parentId, organizationId);
        return organizations.identity(organizationId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("organization-not-found", organizationId)))
                .flatMap(before -> Mono.zip(unpTaken, parentActive, parentBelow).flatMap(t -> {
                    List<ApiException.FieldProblem> problems = new ArrayList<>();
                    if (name != null && (name.length() < 3 || name.length() > 300)) {
                        problems.add(new ApiException.FieldProblem("name", "validation.range", 3, 300));
                    }
                    if (unp != null && !Unp.isValid(unp)) {
                        problems.add(new ApiException.FieldProblem("unp", "validation.unp"));
                    } else if (t.getT1()) {
                        problems.add(new ApiException.FieldProblem("unp", "validation.unp.another"));
                    }
                    if (!t.getT2()) {
                        problems.add(new ApiException.FieldProblem("parentId", "validation.unknown"));
                    } else if (t.getT3()) {
                        problems.add(new ApiException.FieldProblem("parentId", "validation.parent.below"));
                    }
                    if (!problems.isEmpty()) {
                        return Mono.error(ApiException.invalid(problems));
                    }
                    OrganizationIdentity after = new OrganizationIdentity(name != null ? name : before.name(),
                            unp != null ? unp : before.unp(), parentId != null ? parentId : before.parentId());
                    return organizations.updateIdentity(organizationId, after)
                            .then(AfterCommit.run(() -> announce(organizationId, before, after)))
                            .thenReturn(new IdentityChange(before, after));
                }));
    }

    private void announce(long organizationId, OrganizationIdentity before, OrganizationIdentity after) {
        List<Long> changed = new ArrayList<>(List.of(organizationId));
        boolean moved = !Objects.equals(before.parentId(), after.parentId());
        if (moved) {
            if (before.parentId() != null) {
                changed.add(before.parentId());
            }
            changed.add(after.parentId());
        }
        changed.forEach(id -> changes.changed(id).subscribe());
        if (moved) {
            events.publishEvent(new OrganizationMoved(organizationId, before.parentId(), after.parentId()));
        }
    }

    /** A government body's local registry, all rows or none; see {@link RegistryImporter}. */
    public Mono<List<Long>> importRegistry(List<RegistryRow> rows) {
        return registryImporter.importRows(rows)
                .flatMap(ids -> AfterCommit.run(() -> events.publishEvent(new OrganizationsAdded(ids))).thenReturn(ids));
    }

    /** What is wrong with each row of a registry (empty: it would be imported as it is); nothing is written. */
    public Mono<List<ApiException.FieldProblem>> checkRegistry(List<RegistryRow> rows) {
        return registryImporter.check(rows);
    }

    private static List<ApiException.FieldProblem> problems(NewOrganization organization, ReferenceData reference,
                                                            boolean unpTaken, boolean parentExists) {
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        Integer sphere = reference.sphere(String.valueOf(organization.sphereId()));
        Integer category = reference.category(String.valueOf(organization.categoryId()));
        if (sphere == null) {
            problems.add(new ApiException.FieldProblem("sphereId", "validation.unknown"));
        }
        if (category == null) {
            problems.add(new ApiException.FieldProblem("categoryId", "validation.unknown"));
        } else if (sphere != null && reference.sphereOfCategory(category) != sphere) {
            problems.add(new ApiException.FieldProblem("categoryId", "validation.category.sphere"));
        }
        if (!reference.hasDistrict(organization.districtId())) {
            problems.add(new ApiException.FieldProblem("districtId", "validation.unknown"));
        }
        if (!parentExists) {
            problems.add(new ApiException.FieldProblem("parentId", "validation.unknown"));
        }
        if (!NewOrganization.isWebAddress(organization.site())) {
            problems.add(new ApiException.FieldProblem("site", "validation.format"));
        }
        if (organization.unp() != null && !Unp.isValid(organization.unp())) {
            problems.add(new ApiException.FieldProblem("unp", "validation.unp"));
        } else if (organization.unp() != null && unpTaken) {
            problems.add(new ApiException.FieldProblem("unp", "validation.unp.taken"));
        }
        return problems;
    }
}

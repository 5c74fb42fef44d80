package by.ocenka.catalog;

import java.util.ArrayList;
import java.util.List;

import by.ocenka.catalog.internal.OrganizationRepository;
import by.ocenka.catalog.internal.ReferenceData;
import by.ocenka.catalog.internal.ReferenceDataRepository;
import by.ocenka.catalog.internal.RegistryImporter;
import by.ocenka.platform.AfterCommit;
import by.ocenka.platform.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Adds organisations to the catalogue: one approved by a moderator, or a body's whole registry. */
@Service
public class CatalogEditor {

    private final ReferenceDataRepository reference;
    private final OrganizationRepository organizations;
    private final RegistryImporter registryImporter;
    private final ApplicationEventPublisher events;

    CatalogEditor(ReferenceDataRepository reference, OrganizationRepository organizations,
                  RegistryImporter registryImporter, ApplicationEventPublisher events) {
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

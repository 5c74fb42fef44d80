package by.ocenka.catalog.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import by.ocenka.catalog.NewOrganization;
import by.ocenka.catalog.RegistryRow;
import by.ocenka.catalog.Unp;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ApiException.FieldProblem;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Imports a registry all or nothing: every row is checked first (against the reference data, the catalogue and
 * the rest of the file) and any fault answers a 400 naming each row and field ({@code row[5].unp}); only a clean
 * file is inserted, in one transaction.
 */
@Component
public class RegistryImporter {

    static final int MAX_ROWS = 5_000;

    private final ReferenceDataRepository reference;
    private final OrganizationRepository organizations;
    private final TransactionalOperator transaction;

    RegistryImporter(ReferenceDataRepository reference, OrganizationRepository organizations,
                     TransactionalOperator transaction) {
        this.reference = reference;
        this.organizations = organizations;
        this.transaction = transaction;
    }

    /** The ids of the new organisations, in file order. */
    public Mono<List<Long>> importRows(List<RegistryRow> rows) {
        return checked(rows).flatMap(checked -> checked.problems().isEmpty()
                ? insert(checked.valid(), checked.existing()).as(transaction::transactional)
                : Mono.error(ApiException.invalid(checked.problems())));
    }

    /** What is wrong with each row (empty when the file would be imported as it is); nothing is written. */
    public Mono<List<FieldProblem>> check(List<RegistryRow> rows) {
        return checked(rows).map(Checked::problems);
    }

    /** Every row checked: the faults, and the rows that passed with the organisations the file refers to. */
    private record Checked(List<FieldProblem> problems, List<Validated> valid,
                           Map<String, OrganizationRepository.Placed> existing) {
    }

    private Mono<Checked> checked(List<RegistryRow> rows) {
        if (rows.isEmpty() || rows.size() > MAX_ROWS) {
            return Mono.error(ApiException.invalid("file", "validation.registry.rows", MAX_ROWS));
        }
        List<String> unps = new ArrayList<>();
        rows.forEach(r -> {
            addIfPresent(unps, r.unp());
            addIfPresent(unps, r.parentUnp());
        });
        return Mono.zip(reference.referenceData(), organizations.byUnp(unps))
                .map(t -> {
                    ReferenceData reference = t.getT1();
                    Map<String, OrganizationRepository.Placed> existing = t.getT2();
                    List<FieldProblem> problems = new ArrayList<>();
                    List<Validated> valid = new ArrayList<>();
                    Set<String> unpsInFile = new HashSet<>();
                    for (RegistryRow row : rows) {
                        Validated v = validate(row, reference, existing, unpsInFile, problems);
                        if (v != null) {
                            valid.add(v);
                        }
                    }
                    return new Checked(problems, valid, existing);
                });
    }

    /** A row that passed every check, with what the insert needs; the parent is an id or a UNP earlier in the file. */
    private record Validated(RegistryRow row, int sphereId, int categoryId, Integer districtId, Double lat, Double lon,
                             String parentUnp) {
    }

    private Validated validate(RegistryRow row, ReferenceData reference,
                               Map<String, OrganizationRepository.Placed> existing, Set<String> unpsInFile,
                               List<FieldProblem> problems) {
        int before = problems.size();
        String at = "row[" + row.line() + "].";
        if (blank(row.name())) {
            problems.add(new FieldProblem(at + "name", "validation.required"));
        } else if (row.name().length() > 300) {
            problems.add(new FieldProblem(at + "name", "validation.tooLong", 300));
        }
        if (blank(row.address())) {
            problems.add(new FieldProblem(at + "address", "validation.required"));
        } else if (row.address().length() > 300) {
            problems.add(new FieldProblem(at + "address", "validation.tooLong", 300));
        }
        String unp = blank(row.unp()) ? null : row.unp().strip();
        if (unp != null) {
            if (!Unp.isValid(unp)) {
                problems.add(new FieldProblem(at + "unp", "validation.unp"));
            } else if (existing.containsKey(unp) || !unpsInFile.add(unp)) {
                problems.add(new FieldProblem(at + "unp", "validation.unp.taken"));
            }
        }
        Integer sphereId = reference.sphere(row.sphere());
        if (sphereId == null) {
            problems.add(new FieldProblem(at + "sphere", "validation.unknown"));
        }
        Integer categoryId = reference.category(row.category());
        if (categoryId == null) {
            problems.add(new FieldProblem(at + "category", "validation.unknown"));
        } else if (sphereId != null && reference.sphereOfCategory(categoryId) != sphereId) {
            problems.add(new FieldProblem(at + "category", "validation.category.sphere"));
        }
        String parentUnp = blank(row.parentUnp()) ? null : row.parentUnp().strip();
        OrganizationRepository.Placed parent = parentUnp == null ? null : existing.get(parentUnp);
        if (parentUnp != null && parent == null && !unpsInFile.contains(parentUnp)) {
            problems.add(new FieldProblem(at + "parent_unp", "validation.parent.unknown"));
        }
        Double lat = number(row.lat(), at + "lat", -90, 90, problems);
        Double lon = number(row.lon(), at + "lon", -180, 180, problems);
        if ((lat == null) != (lon == null) && problems.size() == before) {
            problems.add(new FieldProblem(at + (lat == null ? "lat" : "lon"), "validation.coordinates"));
        }
        // The district: where the coordinates fall (the nearest district centre), else the parent's.
        Integer districtId = lat != null && lon != null ? reference.nearestDistrict(lat, lon)
                : parent != null ? parent.districtId() : null;
        if (districtId == null && lat == null && parentUnp == null && problems.size() == before) {
            problems.add(new FieldProblem(at + "lat", "validation.registry.place"));
        }
        return problems.size() > before ? null
                : new Validated(row, sphereId, categoryId, districtId, lat, lon, parentUnp);
    }

    private Mono<List<Long>> insert(List<Validated> rows, Map<String, OrganizationRepository.Placed> existing) {
        Map<String, OrganizationRepository.Placed> placed = new HashMap<>(existing);
        return Flux.fromIterable(rows)
                .concatMap(v -> {
                    OrganizationRepository.Placed parent = v.parentUnp() == null ? null : placed.get(v.parentUnp());
                    int district = v.districtId() != null ? v.districtId() : parent.districtId();
                    NewOrganization organization = new NewOrganization(v.row().name().strip(), null,
                            blank(v.row().unp()) ? null : v.row().unp().strip(), v.sphereId(), v.categoryId(), district,
                            v.row().address().strip(), v.lat(), v.lon(), parent == null ? null : parent.id(),
                            null, null, null);
                    return organizations.insert(organization).doOnNext(id -> {
                        if (organization.unp() != null) {
                            placed.put(organization.unp(), new OrganizationRepository.Placed(id, district));
                        }
                    });
                })
                .collectList();
    }

    private static Double number(String text, String field, double min, double max, List<FieldProblem> problems) {
        if (blank(text)) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.strip().replace(',', '.'));
            if (value < min || value > max) {
                problems.add(new FieldProblem(field, "Size.range", field, max, min));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "validation.number"));
            return null;
        }
    }

    private static void addIfPresent(List<String> list, String value) {
        if (!blank(value)) {
            list.add(value.strip());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

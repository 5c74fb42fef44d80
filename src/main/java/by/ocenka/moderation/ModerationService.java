package by.ocenka.moderation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.catalog.CatalogEditor;
import by.ocenka.catalog.CatalogService;
import by.ocenka.catalog.NewOrganization;
import by.ocenka.catalog.RegistryRow;
import by.ocenka.catalog.Unp;
import by.ocenka.moderation.OrganizationRequests.Approval;
import by.ocenka.moderation.OrganizationRequests.Status;
import by.ocenka.moderation.OrganizationRequests.Submission;
import by.ocenka.moderation.OrganizationRequests.View;
import by.ocenka.moderation.internal.CsvReader;
import by.ocenka.moderation.internal.DecisionMail;
import by.ocenka.moderation.internal.OrganizationRequestRepository;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.platform.PublicUrls;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Requests to add organisations and the registry import: what moderators and admins decide about the catalogue. */
@Service
public class ModerationService {

    public static final List<String> REGISTRY_COLUMNS = List.of("name", "unp", "address", "sphere", "category", "parent_unp", "lat", "lon");

    private final OrganizationRequestRepository requests;
    private final CatalogService catalog;
    private final CatalogEditor editor;
    private final TransactionalOperator transaction;
    private final DecisionMail mail;
    private final PublicUrls urls;

    ModerationService(OrganizationRequestRepository requests, CatalogService catalog, CatalogEditor editor,
                      TransactionalOperator transaction, DecisionMail mail,
                      PublicUrls urls) {
        this.mail = mail;
        this.urls = urls;
        this.requests = requests;
        this.catalog = catalog;
        this.editor = editor;
        this.transaction = transaction;
    }

    public Mono<View> submit(long userId, Submission submission) {
        if (submission.unp() != null && !submission.unp().isBlank() && !Unp.isValid(submission.unp().strip())) {
            return Mono.error(ApiException.invalid("unp", "validation.unp"));
        }
        return catalog.sphereExists(submission.sphereId())
                .flatMap(found -> found ? requests.insert(userId, submission)
                        : Mono.error(ApiException.invalid("sphereId", "validation.unknown")));
    }

    public Mono<Page<View>> mine(long userId, PageRequest page) {
        return requests.byUser(userId, page);
    }

    public Mono<Page<View>> queue(Status status, PageRequest page) {
        return requests.byStatus(status, page);
    }

    public Mono<View> approve(long id, long moderatorId, Approval a) {
        return approve(id, moderatorId, a, Languages.RUSSIAN);
    }

    /**
     * Creates the organisation (with the moderator's corrections) and marks the request approved, together; the
     * citizen who asked is mailed the organisation's page.
     */
    public Mono<View> approve(long id, long moderatorId, Approval a, Locale locale) {
        // Checked here too: a page's form is not validated as the API's body is.
        List<ApiException.FieldProblem> missing = new ArrayList<>();
        if (a.categoryId() == null) {
            missing.add(new ApiException.FieldProblem("categoryId", "validation.required"));
        }
        if (a.districtId() == null) {
            missing.add(new ApiException.FieldProblem("districtId", "validation.required"));
        }
        if (!missing.isEmpty()) {
            return Mono.error(ApiException.invalid(missing));
        }
        return pending(id).flatMap(request -> {
            NewOrganization organization = new NewOrganization(
                    or(a.name(), request.name()), a.shortName(), or(a.unp(), request.unp()),
                    a.sphereId() != null ? a.sphereId() : request.sphereId(), a.categoryId(), a.districtId(),
                    or(a.address(), request.address()), a.lat(), a.lon(), a.parentId(), a.phone(), a.site(), a.hours());
            if ((organization.lat() == null) != (organization.lon() == null)) {
                return Mono.error(ApiException.invalid(organization.lat() == null ? "lat" : "lon", "validation.coordinates"));
            }
            return editor.createOrganization(organization)
                    .flatMap(organizationId -> requests.decide(id, moderatorId, Status.APPROVED, null, organizationId))
                    .switchIfEmpty(Mono.error(() -> decided(id)))
                    .flatMap(view -> tell(view, "mail.request.approved", locale, view.name(),
                            urls.url("/o/" + view.organizationId())).thenReturn(view))
                    .as(transaction::transactional);
        });
    }

    public Mono<View> reject(long id, long moderatorId, String reason) {
        return reject(id, moderatorId, reason, Languages.RUSSIAN);
    }

    /** Marks the request rejected; the citizen who asked is mailed the reason (also shown on their requests' page). */
    public Mono<View> reject(long id, long moderatorId, String reason, Locale locale) {
        return pending(id).then(requests.decide(id, moderatorId, Status.REJECTED, reason.strip(), null))
                .switchIfEmpty(Mono.error(() -> decided(id)))
                .flatMap(view -> tell(view, "mail.request.rejected", locale, view.name(), view.reason(),
                        urls.url("/organizations/new")).thenReturn(view))
                .as(transaction::transactional);
    }

    /** Mails the request's author the decision (in the outbox, with the decision's transaction). */
    private Mono<Void> tell(View request, String key, Locale locale, Object... args) {
        return requests.author(request.id()).flatMap(author -> mail.tell(author, locale, "mail.request.subject", key, args));
    }

    /**
     * Parses a registry CSV (header with the columns of {@link #REGISTRY_COLUMNS}, in any order) and imports it
     * all or nothing; a 400 names every faulty row and field.
     */
    public Mono<List<Long>> importRegistry(String csv) {
        return registryRows(csv).flatMap(editor::importRegistry);
    }

    /**
     * Checks a registry CSV as {@link #importRegistry} would, writing nothing: each faulty row and field (a preview
     * before the import); empty when the file would be imported as it is. A file that cannot be read fails as there.
     */
    public Mono<List<ApiException.FieldProblem>> checkRegistry(String csv) {
        return registryRows(csv).flatMap(editor::checkRegistry);
    }

    private Mono<List<RegistryRow>> registryRows(String csv) {
        List<CsvReader.Record> records = CsvReader.read(csv == null ? "" : csv);
        if (records.isEmpty()) {
            return Mono.error(ApiException.invalid("file", "validation.registry.empty"));
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = records.get(0).fields();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        List<ApiException.FieldProblem> missing = new ArrayList<>();
        for (String required : List.of("name", "address", "sphere", "category")) {
            if (!columns.containsKey(required)) {
                missing.add(new ApiException.FieldProblem("header." + required, "validation.required"));
            }
        }
        if (!missing.isEmpty()) {
            return Mono.error(ApiException.invalid(missing));
        }
        List<RegistryRow> rows = records.subList(1, records.size()).stream()
                .map(r -> new RegistryRow(r.line(), cell(r, columns, "name"), cell(r, columns, "unp"),
                        cell(r, columns, "address"), cell(r, columns, "sphere"), cell(r, columns, "category"),
                        cell(r, columns, "parent_unp"), cell(r, columns, "lat"), cell(r, columns, "lon")))
                .toList();
        return Mono.just(rows);
    }

    private Mono<View> pending(long id) {
        return requests.find(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("request-not-found", id)))
                .flatMap(request -> request.status() == Status.PENDING ? Mono.just(request) : Mono.error(decided(id)));
    }

    private static ApiException decided(long id) {
        return new ApiException(HttpStatus.CONFLICT, "request-decided", id);
    }

    private static String cell(CsvReader.Record record, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null || index >= record.fields().size() ? null : record.fields().get(index);
    }

    private static String or(String correction, String original) {
        return correction == null || correction.isBlank() ? original : correction.strip();
    }
}

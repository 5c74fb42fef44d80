package by.ocenka.moderation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import by.ocenka.catalog.CatalogEditor;
import by.ocenka.catalog.OrganizationIdentity;
import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.Unp;
import by.ocenka.moderation.ChangeRequestRecords.Changes;
import by.ocenka.moderation.ChangeRequestRecords.Current;
import by.ocenka.moderation.ChangeRequestRecords.Submission;
import by.ocenka.moderation.ChangeRequestRecords.View;
import by.ocenka.moderation.OrganizationRequests.Status;
import by.ocenka.moderation.internal.ChangeRequestRepository.Row;
import by.ocenka.moderation.internal.ChangeRequestRepository;
import by.ocenka.moderation.internal.DecisionMail;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.platform.PublicUrls;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Requests to change an organisation's name, UNP or parent: its admins ask (the cabinet checks that they may, then
 * calls {@link #submit}), a moderator applies the change to the catalogue or rejects it with a reason; either way
 * the requester is mailed, and an applied change is in the audit trail with the old and new values.
 */
@Service
public class ChangeRequests {

    /** How many of an organisation's requests its cabinet lists. */
    static final int SHOWN = 20;

    private final ChangeRequestRepository requests;
    private final Organizations organizations;
    private final CatalogEditor editor;
    private final AuditLog audit;
    private final DecisionMail mail;
    private final PublicUrls urls;
    private final TransactionalOperator transaction;

    ChangeRequests(ChangeRequestRepository requests, Organizations organizations, CatalogEditor editor, AuditLog audit,
                   DecisionMail mail, PublicUrls urls,
                   TransactionalOperator transaction) {
        this.requests = requests;
        this.organizations = organizations;
        this.editor = editor;
        this.audit = audit;
        this.mail = mail;
        this.urls = urls;
        this.transaction = transaction;
    }

    /**
     * Files a request for an organisation its caller may manage (the caller checked that): 400 naming each field at
     * fault, nothing written; the same rules as the change itself, so that a moderator rarely meets a request that
     * cannot be applied.
     */
    public Mono<View> submit(long userId, long organizationId, Submission s) {
        String name = blankToNull(s.name());
        String unp = blankToNull(s.unp());
        String parentUnp = blankToNull(s.parentUnp());
        String comment = blankToNull(s.comment());
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        if (name != null && (name.length() < 3 || name.length() > 300)) {
            problems.add(new ApiException.FieldProblem("name", "validation.range", 3, 300));
        }
        if (unp != null && !Unp.isValid(unp)) {
            problems.add(new ApiException.FieldProblem("unp", "validation.unp"));
        }
        if (parentUnp != null && !Unp.isValid(parentUnp)) {
            problems.add(new ApiException.FieldProblem("parentUnp", "validation.unp"));
        }
        if (comment == null || comment.length() < 3 || comment.length() > 2000) {
            problems.add(new ApiException.FieldProblem("comment", "validation.range", 3, 2000));
        }
        if (name == null && unp == null && s.parentId() == null && parentUnp == null) {
            problems.add(new ApiException.FieldProblem("name", "validation.change.nothing"));
        }
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.invalid(problems));
        }
        Mono<Long> parent = parentUnp != null
                ? organizations.idByUnp(parentUnp).switchIfEmpty(Mono.error(() -> ApiException.invalid("parentUnp", "validation.unknown")))
                : Mono.justOrEmpty(s.parentId());
        return parent.map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(parentId -> checkParent(organizationId, parentId.orElse(null))
                        .then(requests.insert(organizationId, userId, name, unp, parentId.orElse(null), comment)))
                .flatMap(row -> views(List.of(row)).map(views -> views.get(0)));
    }

    /** An organisation's name, UNP and parent now, and its requests, newest first. */
    public Mono<Changes> ofOrganization(long organizationId) {
        Mono<Current> current = organizations.identities(List.of(organizationId))
                .flatMap(found -> Mono.justOrEmpty(found.get(organizationId)))
                .flatMap(identity -> identity.parentId() == null
                        ? Mono.just(new Current(identity.name(), identity.unp(), null, null))
                        : organizations.identities(List.of(identity.parentId())).map(parents -> new Current(identity.name(),
                                identity.unp(), identity.parentId(), nameOf(parents, identity.parentId()))));
        return Mono.zip(current, requests.ofOrganization(organizationId, SHOWN).collectList().flatMap(this::views))
                .map(t -> new Changes(t.getT1(), t.getT2()));
    }

    public Mono<Page<View>> queue(Status status, PageRequest page) {
        return requests.byStatus(status, page).flatMap(rows -> views(rows.items())
                .map(views -> new Page<>(views, rows.page(), rows.size(), rows.total())));
    }

    /**
     * Applies the change to the catalogue and marks the request approved, together, with the audit entry (old and new
     * values) and the mail to the requester; 400 when the catalogue refuses it now (say, the UNP was taken since),
     * 409 when already decided.
     */
    public Mono<View> approve(long id, long moderatorId, Locale locale) {
        return pending(id).flatMap(request -> editor.changeIdentity(request.organizationId(),
                                new OrganizationIdentity(request.name(), request.unp(), request.parentId()))
                        .flatMap(change -> audit.record(moderatorId, "organization.identity",
                                "organization:" + request.organizationId(), request.organizationId(),
                                Map.of("before", change.before(), "after", change.after(), "request", id)))
                        .then(requests.decide(id, moderatorId, Status.APPROVED, null))
                        .switchIfEmpty(Mono.error(() -> decided(id)))
                        .flatMap(row -> views(List.of(row)).map(views -> views.get(0)))
                        .flatMap(view -> mail.tell(request.userId(), locale, "mail.change.subject", "mail.change.approved", view.currentName(),
                                urls.url("/o/" + view.organizationId())).thenReturn(view))
                        .as(transaction::transactional));
    }

    /** Marks the request rejected; the requester is mailed the reason (also shown in the cabinet). */
    public Mono<View> reject(long id, long moderatorId, String reason, Locale locale) {
        return pending(id).flatMap(request -> requests.decide(id, moderatorId, Status.REJECTED, reason.strip())
                .switchIfEmpty(Mono.error(() -> decided(id)))
                .flatMap(row -> views(List.of(row)).map(views -> views.get(0)))
                .flatMap(view -> mail.tell(request.userId(), locale, "mail.change.subject", "mail.change.rejected", view.currentName(), view.reason(),
                        urls.url("/cabinet/" + view.organizationId() + "/profile")).thenReturn(view))
                .as(transaction::transactional));
    }

    /** The new parent must be an active organisation other than this one and not below it. */
    private Mono<Void> checkParent(long organizationId, Long parentId) {
        if (parentId == null) {
            return Mono.empty();
        }
        return Mono.zip(organizations.isActive(parentId), organizations.subtree(organizationId, 100_000))
                .flatMap(t -> !t.getT1() ? Mono.error(ApiException.invalid("parentId", "validation.unknown"))
                        : t.getT2().contains(parentId) ? Mono.error(ApiException.invalid("parentId", "validation.parent.below"))
                        : Mono.empty());
    }

    private Mono<Row> pending(long id) {
        return requests.find(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("request-not-found", id)))
                .flatMap(request -> request.status() == Status.PENDING ? Mono.just(request) : Mono.error(decided(id)));
    }

    private static ApiException decided(long id) {
        return new ApiException(HttpStatus.CONFLICT, "request-decided", id);
    }

    /** The rows with the organisations' current names, UNPs and parents, read in one query. */
    private Mono<List<View>> views(List<Row> rows) {
        List<Long> ids = rows.stream().flatMap(r -> Stream.of(r.organizationId(), r.parentId())).filter(Objects::nonNull)
                .distinct().toList();
        return organizations.identities(ids).flatMap(identities -> {
            List<Long> parents = identities.values().stream().map(OrganizationIdentity::parentId).filter(Objects::nonNull)
                    .filter(id -> !identities.containsKey(id)).distinct().toList();
            return organizations.identities(parents).map(more -> {
                Map<Long, OrganizationIdentity> all = new LinkedHashMap<>(identities);
                all.putAll(more);
                return rows.stream().map(r -> view(r, all)).toList();
            });
        });
    }

    private static View view(Row r, Map<Long, OrganizationIdentity> identities) {
        OrganizationIdentity current = identities.get(r.organizationId());
        Long currentParent = current == null ? null : current.parentId();
        return new View(r.id(), r.organizationId(), current == null ? "" : current.name(),
                current == null ? null : current.unp(), currentParent, nameOf(identities, currentParent), r.name(), r.unp(),
                r.parentId(), nameOf(identities, r.parentId()), r.comment(), r.status(), r.reason(), r.createdAt(),
                r.decidedAt());
    }

    private static String nameOf(Map<Long, OrganizationIdentity> identities, Long id) {
        OrganizationIdentity identity = id == null ? null : identities.get(id);
        return identity == null ? null : identity.name();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

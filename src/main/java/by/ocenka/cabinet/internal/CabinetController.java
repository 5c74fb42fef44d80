package by.ocenka.cabinet.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.cabinet.internal.CabinetScope.Need;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.CabinetRecords.Analytics;
import by.ocenka.rating.CabinetRecords.CabinetQuestionnaire;
import by.ocenka.rating.CabinetRecords.FeedFilter;
import by.ocenka.rating.CabinetRecords.ReplyCreated;
import by.ocenka.rating.Replies;
import by.ocenka.rating.SubtreeAnalytics;
import by.ocenka.rating.SubtreeFeed;
import by.ocenka.platform.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The organisation's cabinet over HTTP: its organisations, the feed (paged and live), replies, analytics, audit. */
@RestController
@Tag(name = "Cabinet")
class CabinetController {

    /** An organisation the user manages, and how many organisations its subtree holds. */
    record ManagedOrganization(long id, String name, int subtreeSize, String role) {
    }

    record ReplyRequest(String text) {
    }

    private final CabinetScope scope;
    private final Organizations organizations;
    private final SubtreeFeed feed;
    private final Replies replies;
    private final SubtreeAnalytics analytics;
    private final AuditLog audit;

    CabinetController(CabinetScope scope, Organizations organizations, SubtreeFeed feed, Replies replies,
                      SubtreeAnalytics analytics, AuditLog audit) {
        this.scope = scope;
        this.organizations = organizations;
        this.feed = feed;
        this.replies = replies;
        this.analytics = analytics;
        this.audit = audit;
    }

    @GetMapping("/api/v1/cabinet/organizations")
    @Operation(summary = "The organisations this user manages or answers for, with the size of each subtree")
    Mono<List<ManagedOrganization>> organizations(@AuthenticationPrincipal CurrentUser user) {
        Set<Long> admin = user.adminOf();
        List<Long> ids = new ArrayList<>(admin);
        user.responderOf().stream().filter(id -> !admin.contains(id)).forEach(ids::add);
        return Mono.zip(organizations.names(ids), organizations.subtreeSizes(ids)).map(t -> ids.stream()
                .filter(t.getT1()::containsKey)
                .map(id -> new ManagedOrganization(id, t.getT1().get(id), t.getT2().getOrDefault(id, 1),
                        admin.contains(id) ? Role.ORG_ADMIN.name() : Role.ORG_RESPONDER.name()))
                .sorted(Comparator.comparing(ManagedOrganization::name))
                .toList());
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/questionnaires")
    @Operation(summary = "The subtree's questionnaires, newest first, with filters")
    Mono<Page<CabinetQuestionnaire>> questionnaires(
            @AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long unit, @RequestParam(required = false) BigDecimal maxMean,
            @RequestParam(required = false) Boolean withComment, @RequestParam(required = false) Boolean replied,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        if (maxMean != null && (maxMean.compareTo(BigDecimal.ONE) < 0 || maxMean.compareTo(BigDecimal.valueOf(5)) > 0)) {
            return Mono.error(ApiException.invalid("maxMean", "validation.range", 1, 5));
        }
        if (from != null && to != null && from.isAfter(to)) {
            return Mono.error(ApiException.invalid("from", "validation.period"));
        }
        Mono<Long> checked = scope.check(user, id, Need.READ);
        if (unit != null) {
            // A unit must lie in this subtree: checked as any organisation (it is in scope when the root is).
            checked = checked.then(organizations.ancestors(unit)).flatMap(ancestors -> ancestors.contains(id) ? Mono.just(id)
                    : Mono.error(ApiException.invalid("unit", "validation.unit")));
        }
        return checked.then(feed.page(id, new FeedFilter(from, to, unit, maxMean, withComment, replied), request));
    }

    @GetMapping(path = "/api/v1/cabinet/organizations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The subtree's new questionnaires, live (event questionnaire; Last-Event-ID resumes)")
    Flux<ServerSentEvent<CabinetQuestionnaire>> events(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                                       @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Long last = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                last = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                return Flux.error(ApiException.invalid("Last-Event-ID", "validation.format"));
            }
        }
        Long resumeAfter = last;
        return scope.check(user, id, Need.READ).flatMapMany(root -> feed.stream(root, resumeAfter));
    }

    @PostMapping("/api/v1/cabinet/questionnaires/{id}/reply")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "The organisation's official reply to a questionnaire (one; public; mailed to the author)")
    Mono<ReplyCreated> reply(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                             @RequestBody(required = false) ReplyRequest request, Locale locale) {
        return feed.organizationOf(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("questionnaire-not-found", id)))
                .flatMap(organization -> scope.check(user, organization, Need.READ))
                .then(replies.reply(id, request == null ? null : request.text(), user, locale));
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/analytics")
    @Operation(summary = "The subtree's figures for a period: totals, criteria, months, units with ranks, replies")
    Mono<Analytics> analytics(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return scope.check(user, id, Need.READ).then(analytics.analytics(id, from, to));
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/audit")
    @Operation(summary = "Who did what in the subtree's cabinet, newest first (organisation admins)")
    Mono<Page<AuditLog.Entry>> audit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                                     @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return scope.check(user, id, Need.MANAGE).then(audit.ofSubtree(id, request));
    }
}

package by.ocenka.cabinet.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.CabinetRecords.CabinetQuestionnaire;
import by.ocenka.cabinet.CabinetRecords.FeedFilter;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.cabinet.internal.CabinetAccess.Scope;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.RatingRecords.OrganizationRef;
import by.ocenka.rating.RatingRecords.PublicReply;
import by.ocenka.rating.SubtreeQuestionnaires;
import by.ocenka.rating.SubtreeRecords.QuestionnaireFilter;
import by.ocenka.rating.SubtreeRecords.StaffQuestionnaire;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The cabinet's feed: every questionnaire of an organisation's subtree, newest first with filters, live, and whole for
 * a period (exports), each with the organisation's name, its reply and when one is due. The scope is checked once per
 * request, here. The live side costs one shared stream per instance, not one per unit or per subscriber: the ids every
 * instance hears are batched (50 ms), read back whole with each one's ancestors in one query, and each subscriber keeps
 * those whose ancestors include its organisation.
 */
@Service
public class CabinetFeed {

    /** How many missed questionnaires a resumed stream sends before going live. */
    static final int RESUME_LIMIT = 1_000;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How many 50 ms batches of events may wait for the query that reads them back (about a minute's worth). */
    private static final int BATCH_QUEUE = 1_024;

    private final CabinetAccess access;
    private final SubtreeQuestionnaires questionnaires;
    private final ReplyRepository replies;
    private final Clock clock;
    private final Flux<Map.Entry<CabinetQuestionnaire, List<Long>>> accepted;

    CabinetFeed(CabinetAccess access, SubtreeQuestionnaires questionnaires, ReplyRepository replies, Clock clock) {
        this.access = access;
        this.questionnaires = questionnaires;
        this.replies = replies;
        this.clock = clock;
        this.accepted = questionnaires.accepted()
                .bufferTimeout(256, Duration.ofMillis(50))
                // The batches wait here while the query of an earlier one runs: without a queue, a batch due when the
                // query was slow overflowed (OverflowException), which closed every cabinet stream of the instance
                // (load-tests/kill-one-instance.sh saw them closed every few seconds under load). Past the queue's
                // bound the streams still end, and their clients resume with Last-Event-ID.
                .onBackpressureBuffer(BATCH_QUEUE)
                .concatMap(ids -> questionnaires.withAncestors(ids).collectList()
                        .flatMapMany(rows -> views(rows.stream().map(Map.Entry::getKey).toList())
                                .flatMapIterable(views -> {
                                    List<Map.Entry<CabinetQuestionnaire, List<Long>>> out = new ArrayList<>();
                                    for (int i = 0; i < rows.size(); i++) {
                                        out.add(Map.entry(views.get(i), rows.get(i).getValue()));
                                    }
                                    return out;
                                }))
                        .onErrorResume(e -> Flux.empty()))
                .publish()
                .refCount();
    }

    /**
     * A page of the subtree's questionnaires, newest first; 400 on {@code unit} for a unit outside the subtree, 403 /
     * 404 outside the user's scope.
     */
    public Mono<Page<CabinetQuestionnaire>> page(CurrentUser user, long organizationId, FeedFilter filter, PageRequest page) {
        return access.check(user, organizationId, Need.READ).flatMap(scope -> page(scope, filter, page));
    }

    /** The same for a scope checked already (a page that shows several of the cabinet's views). */
    Mono<Page<CabinetQuestionnaire>> page(Scope scope, FeedFilter filter, PageRequest page) {
        // A unit must lie in this subtree (then it is in scope as the root is).
        Mono<Void> unitInSubtree = filter.unit() == null ? Mono.empty() : access.ancestors(filter.unit())
                .filter(ancestors -> ancestors.contains(scope.organizationId()))
                .switchIfEmpty(Mono.error(() -> ApiException.invalid("unit", "validation.unit")))
                .then();
        QuestionnaireFilter wanted = new QuestionnaireFilter(filter.from(), filter.to(), filter.unit(), filter.maxMean(),
                filter.withComment(), filter.replied());
        return unitInSubtree.then(questionnaires.page(scope.organizationId(), wanted, page))
                .flatMap(found -> views(found.items())
                        .map(items -> new Page<>(items, found.page(), found.size(), found.total())));
    }

    /**
     * The subtree's new questionnaires as they are accepted on any instance: event {@code questionnaire}, id the
     * questionnaire's id. With {@code lastEventId} it first sends what came after that id (at most
     * {@value #RESUME_LIMIT}), then goes live without a gap or a repeat (but for a questionnaire with a smaller id
     * committed after that one and before the stream reopened: commits leave id order by milliseconds). Opens with
     * the comment {@code live} carrying an id (the one resumed from, or the newest questionnaire's), so that a client
     * whose stream ends before its first questionnaire still resumes from where it began (a browser's EventSource
     * keeps the id of a message without data); a heartbeat every 15 s. Fails first with 403 / 404 outside the scope.
     */
    public Flux<ServerSentEvent<CabinetQuestionnaire>> stream(CurrentUser user, long organizationId, Long lastEventId) {
        return access.check(user, organizationId, Need.READ).flatMapMany(scope -> stream(scope.organizationId(), lastEventId));
    }

    private Flux<ServerSentEvent<CabinetQuestionnaire>> stream(long rootId, Long lastEventId) {
        return Flux.defer(() -> {
            // Listen first, then read what was missed: nothing accepted in between is lost, a repeat is filtered out.
            Sinks.Many<CabinetQuestionnaire> pending = Sinks.many().unicast()
                    .onBackpressureBuffer(Queues.<CabinetQuestionnaire>get(4096).get());
            Disposable tap = accepted.filter(entry -> entry.getValue().contains(rootId))
                    .subscribe(entry -> pending.tryEmitNext(entry.getKey()), pending::tryEmitError);
            // Sent already (a questionnaire both read back and heard live): by id, not "above the highest id sent",
            // since questionnaires are not heard in id order (concurrent batches commit in any order, on any
            // instance), and such a filter dropped a questionnaire heard after a newer one.
            Set<Long> sent = recentIds();
            Flux<CabinetQuestionnaire> missed = lastEventId == null ? Flux.empty()
                    : questionnaires.after(rootId, lastEventId, RESUME_LIMIT).collectList()
                    .flatMapMany(rows -> views(rows).flatMapIterable(list -> list));
            Flux<ServerSentEvent<CabinetQuestionnaire>> live = Flux.concat(missed, pending.asFlux())
                    .filter(q -> sent.add(q.id()))
                    .map(q -> ServerSentEvent.builder(q).id(String.valueOf(q.id())).event("questionnaire").build());
            Flux<ServerSentEvent<CabinetQuestionnaire>> heartbeats = Flux.interval(HEARTBEAT)
                    .map(tick -> ServerSentEvent.<CabinetQuestionnaire>builder().comment("heartbeat").build());
            // Read after the tap listens: a questionnaire accepted in between comes live and is newer than this id.
            Mono<Long> start = lastEventId != null ? Mono.just(lastEventId) : questionnaires.newestId();
            Flux<ServerSentEvent<CabinetQuestionnaire>> opening = start.map(id -> ServerSentEvent.<CabinetQuestionnaire>builder()
                    .id(String.valueOf(id)).comment("live").build()).flux();
            return Flux.concat(opening, Flux.merge(live, heartbeats))
                    .doFinally(signal -> tap.dispose());
        });
    }

    /**
     * Every questionnaire of a checked scope's subtree created in [from, to] (Minsk days), oldest first, read as a
     * stream and named in batches (exports of any period without holding them all).
     */
    Flux<CabinetQuestionnaire> period(Scope scope, LocalDate from, LocalDate to) {
        return questionnaires.period(scope.organizationId(), from, to)
                .buffer(500)
                .concatMap(rows -> views(rows).flatMapIterable(list -> list), 1);
    }

    /** The ids a stream sent last (enough to cover a resumption's read-back and what was heard meanwhile). */
    private static Set<Long> recentIds() {
        return Collections.newSetFromMap(new LinkedHashMap<Long, Boolean>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > 2 * RESUME_LIMIT + 4096;
            }
        });
    }

    /** The questionnaires as the cabinet shows them: each organisation named, its reply, when one is due. */
    private Mono<List<CabinetQuestionnaire>> views(List<StaffQuestionnaire> rows) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Duration replyWithin = questionnaires.replyWithin();
        List<Long> answered = rows.stream().filter(row -> row.repliedAt() != null).map(StaffQuestionnaire::id).toList();
        return Mono.zip(access.names(rows.stream().map(StaffQuestionnaire::organizationId).distinct().toList()),
                        replies.of(answered))
                .map(t -> rows.stream().map(row -> {
                    OffsetDateTime due = row.asksForReply() ? row.createdAt().plus(replyWithin) : null;
                    PublicReply reply = t.getT2().get(row.id());
                    return new CabinetQuestionnaire(row.id(), new OrganizationRef(row.organizationId(),
                            t.getT1().get(row.organizationId())), row.mean(), row.scores(), row.serviceName(),
                            row.serviceDate(), row.comment(), row.author(), row.createdAt(), row.status(), reply,
                            due, reply == null && due != null && due.isBefore(now), row.employee(), row.imported());
                }).toList());
    }
}

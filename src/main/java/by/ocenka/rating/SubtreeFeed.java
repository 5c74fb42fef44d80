package by.ocenka.rating;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import by.ocenka.catalog.Organizations;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.CabinetRecords.CabinetQuestionnaire;
import by.ocenka.rating.CabinetRecords.FeedFilter;
import by.ocenka.rating.RatingRecords.OrganizationRef;
import by.ocenka.rating.internal.CabinetRepository;
import by.ocenka.rating.internal.LiveEvents;
import by.ocenka.rating.internal.RatingProperties;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The cabinet's feed: every questionnaire of an organisation's subtree, newest first with filters, and live. The live
 * side costs one shared stream per instance, not one per unit or per subscriber: the events every instance hears are
 * batched (50 ms), read back whole with each one's ancestors in one query, and each subscriber keeps those whose
 * ancestors include its organisation.
 */
@Service
public class SubtreeFeed {

    /** How many missed questionnaires a resumed stream sends before going live. */
    static final int RESUME_LIMIT = 1_000;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How many 50 ms batches of events may wait for the query that reads them back (about a minute's worth). */
    private static final int BATCH_QUEUE = 1_024;

    private final CabinetRepository repository;
    private final Organizations organizations;
    private final RatingProperties properties;
    private final Clock clock;
    private final Flux<Map.Entry<CabinetQuestionnaire, List<Long>>> accepted;

    SubtreeFeed(CabinetRepository repository, Organizations organizations, RatingProperties properties, Clock clock,
                LiveEvents live) {
        this.repository = repository;
        this.organizations = organizations;
        this.properties = properties;
        this.clock = clock;
        this.accepted = live.everything()
                .filter(event -> event.questionnaireId() > 0)
                .map(RatingRecords.RatingEvent::questionnaireId)
                .bufferTimeout(256, Duration.ofMillis(50))
                // The batches wait here while the query of an earlier one runs: without a queue, a batch due when the
                // query was slow overflowed (OverflowException), which closed every cabinet stream of the instance
                // (load-tests/kill-one-instance.sh saw them closed every few seconds under load). Past the queue's
                // bound the streams still end, and their clients resume with Last-Event-ID.
                .onBackpressureBuffer(BATCH_QUEUE)
                .concatMap(ids -> repository.withAncestors(ids).collectList()
                        .flatMapMany(rows -> views(rows.stream().map(Map.Entry::getKey).toList())
                                .flatMapIterable(views -> {
                                    java.util.List<Map.Entry<CabinetQuestionnaire, List<Long>>> out = new java.util.ArrayList<>();
                                    for (int i = 0; i < rows.size(); i++) {
                                        out.add(Map.entry(views.get(i), rows.get(i).getValue()));
                                    }
                                    return out;
                                }))
                        .onErrorResume(e -> Flux.empty()))
                .publish()
                .refCount();
    }

    /** A page of the subtree's questionnaires, newest first. */
    public Mono<Page<CabinetQuestionnaire>> page(long rootId, FeedFilter filter, PageRequest page) {
        return repository.feed(rootId, filter, page).flatMap(result -> views(result.getKey())
                .map(items -> new Page<>(items, page.page(), page.size(), result.getValue())));
    }

    /** One questionnaire as the cabinet shows it (empty when unknown). */
    public Mono<CabinetQuestionnaire> questionnaire(long id) {
        return repository.questionnaire(id).flatMap(row -> views(List.of(row))).map(list -> list.get(0));
    }

    /**
     * The subtree's new questionnaires as they are accepted on any instance: event {@code questionnaire}, id the
     * questionnaire's id. With {@code lastEventId} it first sends what came after that id (at most
     * {@value #RESUME_LIMIT}), then goes live without a gap or a repeat (but for a questionnaire with a smaller id
     * committed after that one and before the stream reopened: commits leave id order by milliseconds). Opens with
     * the comment {@code live} carrying an id (the one resumed from, or the newest questionnaire's), so that a client
     * whose stream ends before its first questionnaire still resumes from where it began (a browser's EventSource
     * keeps the id of a message without data); a heartbeat every 15 s.
     */
    public Flux<ServerSentEvent<CabinetQuestionnaire>> stream(long rootId, Long lastEventId) {
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
                    : repository.after(rootId, lastEventId, RESUME_LIMIT).collectList().flatMapMany(rows -> views(rows)
                    .flatMapIterable(list -> list));
            Flux<ServerSentEvent<CabinetQuestionnaire>> questionnaires = Flux.concat(missed, pending.asFlux())
                    .filter(q -> sent.add(q.id()))
                    .map(q -> ServerSentEvent.builder(q).id(String.valueOf(q.id())).event("questionnaire").build());
            Flux<ServerSentEvent<CabinetQuestionnaire>> heartbeats = Flux.interval(HEARTBEAT)
                    .map(tick -> ServerSentEvent.<CabinetQuestionnaire>builder().comment("heartbeat").build());
            // Read after the tap listens: a questionnaire accepted in between comes live and is newer than this id.
            Mono<Long> start = lastEventId != null ? Mono.just(lastEventId) : repository.newestId();
            Flux<ServerSentEvent<CabinetQuestionnaire>> opening = start.map(id -> ServerSentEvent.<CabinetQuestionnaire>builder()
                    .id(String.valueOf(id)).comment("live").build()).flux();
            return Flux.concat(opening, Flux.merge(questionnaires, heartbeats))
                    .doFinally(signal -> tap.dispose());
        });
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

    private Mono<List<CabinetQuestionnaire>> views(List<CabinetRepository.Row> rows) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return organizations.names(rows.stream().map(CabinetRepository.Row::organizationId).distinct().toList())
                .map(names -> rows.stream().map(row -> {
                    boolean asksForReply = row.comment() != null || row.mean() < 3;
                    OffsetDateTime due = asksForReply ? row.createdAt().plusDays(properties.replyDays()) : null;
                    return new CabinetQuestionnaire(row.id(), new OrganizationRef(row.organizationId(),
                            names.get(row.organizationId())), row.mean(), row.scores(), row.serviceName(),
                            row.serviceDate(), row.comment(), row.author(), row.createdAt(), row.status(), row.reply(),
                            due, row.reply() == null && due != null && due.isBefore(now));
                }).toList());
    }

    /**
     * Every questionnaire of the subtree created in [from, to] (Minsk days), oldest first, read as a stream and
     * named in batches (for exports of any period without holding them all).
     */
    public Flux<CabinetQuestionnaire> period(long rootId, java.time.LocalDate from, java.time.LocalDate to) {
        return repository.period(rootId, from.atStartOfDay(by.ocenka.platform.Minsk.ZONE).toOffsetDateTime(),
                        to.plusDays(1).atStartOfDay(by.ocenka.platform.Minsk.ZONE).toOffsetDateTime())
                .buffer(500)
                .concatMap(rows -> views(rows).flatMapIterable(list -> list), 1);
    }

    /** The organisation a questionnaire belongs to, for the caller's scope check (empty when unknown). */
    public Mono<Long> organizationOf(long questionnaireId) {
        return repository.questionnaire(questionnaireId).map(CabinetRepository.Row::organizationId);
    }
}

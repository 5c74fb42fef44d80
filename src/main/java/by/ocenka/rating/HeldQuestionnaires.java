package by.ocenka.rating;

import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.RatingRecords.HeldFigures;
import by.ocenka.rating.RatingRecords.HeldGroup;
import by.ocenka.rating.RatingRecords.HeldQuestionnaire;
import by.ocenka.rating.internal.FairPlay;
import by.ocenka.rating.internal.HeldRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The questionnaires fair play holds (docs/FAIRPLAY.md): what the public page says of them, the moderators' queue, and
 * a burst released or rejected at once (each questionnaire moving the aggregates exactly, as one at a time does).
 */
@Service
public class HeldQuestionnaires {

    private static final int GROUPS = 200;

    private final HeldRepository repository;
    private final QuestionnaireModeration moderation;
    private final Organizations organizations;

    HeldQuestionnaires(HeldRepository repository, QuestionnaireModeration moderation, Organizations organizations) {
        this.repository = repository;
        this.moderation = moderation;
        this.organizations = organizations;
    }

    /** How many of an organisation's questionnaires are held and why, and how many were rejected. */
    public Mono<HeldFigures> figures(long organizationId) {
        return repository.figures(organizationId);
    }

    /** What waits for the moderators, grouped by organisation and reason, the latest first. */
    public Mono<List<HeldGroup>> groups() {
        return repository.groups(GROUPS).collectList().flatMap(groups -> names(groups.stream()
                        .map(HeldGroup::organizationId).toList())
                .map(names -> groups.stream().map(g -> new HeldGroup(g.organizationId(), names.get(g.organizationId()),
                        g.reason(), g.count(), g.firstAt(), g.lastAt())).toList()));
    }

    /** Held questionnaires, newest first; of one organisation and reason when given. */
    public Mono<Page<HeldQuestionnaire>> held(Long organizationId, String reason, PageRequest page) {
        return checked(reason).then(repository.held(organizationId, reason, page)).flatMap(found -> names(found.items()
                        .stream().map(HeldQuestionnaire::organizationId).toList())
                .map(names -> new Page<>(found.items().stream().map(q -> new HeldQuestionnaire(q.id(), q.organizationId(),
                        names.get(q.organizationId()), q.reason(), q.mean(), q.scores(), q.comment(), q.createdAt())).toList(),
                        found.page(), found.size(), found.total())));
    }

    /** Releases every held questionnaire of an organisation for a reason; answers how many. */
    public Mono<Long> releaseAll(long organizationId, String reason) {
        return decideAll(organizationId, reason, moderation::release);
    }

    /** Rejects every held questionnaire of an organisation for a reason; answers how many. */
    public Mono<Long> rejectAll(long organizationId, String reason) {
        return decideAll(organizationId, reason, moderation::reject);
    }

    private Mono<Long> decideAll(long organizationId, String reason, LongFunction<Mono<Void>> decision) {
        if (reason == null) {
            return Mono.error(ApiException.invalid("reason", "validation.required"));
        }
        // One at a time: each moves the aggregates by exactly its own questionnaire; one decided meanwhile by another
        // moderator (409) is simply not counted.
        return checked(reason).thenMany(repository.heldIds(organizationId, reason))
                .concatMap(id -> decision.apply(id).thenReturn(1L)
                        .onErrorResume(ApiException.class, e -> e.status().value() == 409 ? Mono.just(0L) : Mono.error(e)))
                .reduce(0L, Long::sum);
    }

    private static Mono<Void> checked(String reason) {
        return reason == null || FairPlay.REASONS.contains(reason) ? Mono.empty()
                : Mono.error(ApiException.invalid("reason", "validation.unknown"));
    }

    private Mono<Map<Long, String>> names(List<Long> ids) {
        return organizations.names(ids);
    }
}

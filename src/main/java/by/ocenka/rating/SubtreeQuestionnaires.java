package by.ocenka.rating;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import by.ocenka.platform.Minsk;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.SubtreeRecords.QuestionnaireFilter;
import by.ocenka.rating.SubtreeRecords.StaffQuestionnaire;
import by.ocenka.rating.internal.LiveEvents;
import by.ocenka.rating.internal.RatingProperties;
import by.ocenka.rating.internal.SubtreeRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The questionnaires of an organisation's subtree as its staff read them (the cabinet's feed, live stream and
 * exports), and the one thing the staff's side writes back: that a questionnaire was answered. The caller has checked
 * the reader's scope; every method reads the subtree through the catalogue's published {@code org_closure}.
 */
@Service
public class SubtreeQuestionnaires {

    private final SubtreeRepository repository;
    private final LiveEvents live;
    private final RatingProperties properties;

    SubtreeQuestionnaires(SubtreeRepository repository, LiveEvents live, RatingProperties properties) {
        this.repository = repository;
        this.live = live;
        this.properties = properties;
    }

    /** A page of the subtree's questionnaires, newest first, with the total. */
    public Mono<Page<StaffQuestionnaire>> page(long rootId, QuestionnaireFilter filter, PageRequest page) {
        return repository.feed(rootId, filter, page)
                .map(result -> new Page<>(result.getKey(), page.page(), page.size(), result.getValue()));
    }

    /** One questionnaire (empty when unknown). */
    public Mono<StaffQuestionnaire> one(long id) {
        return repository.questionnaire(id);
    }

    /** The newest questionnaire's id (0 when there is none). */
    public Mono<Long> newestId() {
        return repository.newestId();
    }

    /** The subtree's questionnaires after this id, oldest first, but for those fair play holds (a resumed stream). */
    public Flux<StaffQuestionnaire> after(long rootId, long afterId, int limit) {
        return repository.after(rootId, afterId, limit);
    }

    /** Every questionnaire of the subtree created in [from, to] (Minsk days), oldest first, as a stream. */
    public Flux<StaffQuestionnaire> period(long rootId, LocalDate from, LocalDate to) {
        return repository.period(rootId, from.atStartOfDay(Minsk.ZONE).toOffsetDateTime(),
                to.plusDays(1).atStartOfDay(Minsk.ZONE).toOffsetDateTime());
    }

    /** These questionnaires, each with its organisation and the bodies above it (one query for a batch). */
    public Flux<Map.Entry<StaffQuestionnaire, List<Long>>> withAncestors(List<Long> ids) {
        return repository.withAncestors(ids);
    }

    /** The ids of questionnaires accepted on any instance, as they are heard (the cabinet's live feeds filter them). */
    public Flux<Long> accepted() {
        return live.everything().filter(event -> event.questionnaireId() > 0).map(RatingRecords.RatingEvent::questionnaireId);
    }

    /** How long an organisation has to reply to a questionnaire that asks for it. */
    public Duration replyWithin() {
        return Duration.ofDays(properties.replyDays());
    }

    /**
     * Records that the organisation answered the questionnaire (its first reply's moment; the cabinet keeps the reply
     * itself), in the caller's transaction: the share answered and the feed's filter read it. Answers the
     * questionnaire's organisation; empty when there is no such questionnaire.
     */
    public Mono<Long> markReplied(long questionnaireId, OffsetDateTime at) {
        return repository.markReplied(questionnaireId, at);
    }

    /** Every questionnaire asking for a reply created before this moment, by id (demo data, back-fills). */
    public Flux<StaffQuestionnaire> askingForReply(OffsetDateTime createdBefore) {
        return repository.askingForReply(createdBefore);
    }

    /** Marks many questionnaires answered at once, questionnaire id → moment (demo data, back-fills). */
    public Mono<Void> markReplied(Map<Long, OffsetDateTime> moments) {
        return repository.markReplied(moments);
    }
}

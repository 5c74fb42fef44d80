package by.ocenka.cabinet.internal;

import java.time.OffsetDateTime;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.rating.ReplyShares.Helpful;
import by.ocenka.rating.SubtreeQuestionnaires;
import by.ocenka.web.KeptPages;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Was the answer useful? The author of a questionnaire marks the organisation's reply helpful or not, once; the share
 * of helpful replies over a year is shown beside the reply rate, with the number of marks it rests on, and not at all
 * under {@link #MIN_MARKS} marks (two or three citizens are not a share).
 */
@Service
public class ReplyFeedback {

    /** Fewer marks than this show no share. */
    public static final int MIN_MARKS = 5;
    private static final int SUBTREE_LIMIT = 20_000;

    private final SubtreeQuestionnaires questionnaires;
    private final ReplyRepository replies;
    private final Organizations organizations;
    private final ApplicationEventPublisher events;

    ReplyFeedback(SubtreeQuestionnaires questionnaires, ReplyRepository replies, Organizations organizations,
                  ApplicationEventPublisher events) {
        this.questionnaires = questionnaires;
        this.replies = replies;
        this.organizations = organizations;
        this.events = events;
    }

    /**
     * The author's mark on the reply to their questionnaire: 204 stored; 404 {@code questionnaire-not-found} (also a
     * questionnaire of nobody's, the old portal's), 403 not theirs, 404 {@code reply-not-found} while there is no
     * reply, 409 {@code reply-feedback-given} once marked.
     */
    public Mono<Void> mark(CurrentUser user, long questionnaireId, boolean helpful) {
        return Mono.fromCallable(() -> Callers.signedIn(user)).then(questionnaires.one(questionnaireId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("questionnaire-not-found", questionnaireId)))
                .filter(q -> q.userId() != null) // the old portal's history: nobody's, nobody marks it
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("questionnaire-not-found", questionnaireId)))
                .flatMap(q -> {
                    if (q.userId() != user.id()) {
                        return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "not-the-author"));
                    }
                    return replies.markHelpful(questionnaireId, helpful).flatMap(marked -> switch (marked) {
                        case STORED -> Mono.fromRunnable(() -> events.publishEvent(new KeptPages.Changed(q.organizationId())));
                        case ALREADY -> Mono.error(new ApiException(HttpStatus.CONFLICT, "reply-feedback-given"));
                        case NO_REPLY -> Mono.error(ApiException.notFound("reply-not-found", questionnaireId));
                    });
                });
    }

    /** The organisation's own share over the past year (its public page, kept by the rating feature's figures). */
    Mono<Helpful> ofThePastYear(long organizationId) {
        return replies.helpfulOfThePastYear(organizationId).map(ReplyFeedback::share);
    }

    /** The subtree's share over the marks given in [from, to) (the cabinet's analytics). */
    Mono<Helpful> ofSubtree(long rootId, OffsetDateTime from, OffsetDateTime to) {
        return organizations.descendants(rootId, SUBTREE_LIMIT)
                .flatMap(ids -> replies.helpfulOfSubtree(ids, from, to))
                .map(ReplyFeedback::share);
    }

    private static Helpful share(long[] markedAndHelpful) {
        long marked = markedAndHelpful[0];
        return new Helpful(marked, marked < MIN_MARKS ? null : Math.round(1000.0 * markedAndHelpful[1] / marked) / 10.0);
    }
}

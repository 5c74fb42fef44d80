package by.ocenka.rating;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.OpenDataChanged;
import by.ocenka.rating.internal.AggregateState;
import by.ocenka.rating.internal.Aggregates;
import by.ocenka.rating.internal.Placements;
import by.ocenka.rating.internal.QuestionnaireRepository;
import by.ocenka.rating.internal.RatingProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Hiding a published questionnaire and publishing it again: each moves the aggregates exactly. */
@Service
public class QuestionnaireModeration {

    private final QuestionnaireRepository questionnaires;
    private final Placements placements;
    private final Aggregates aggregates;
    private final AggregateState state;
    private final RatingProperties properties;
    private final ApplicationEventPublisher changes;

    QuestionnaireModeration(QuestionnaireRepository questionnaires, Placements placements, Aggregates aggregates,
                            AggregateState state, RatingProperties properties, ApplicationEventPublisher changes) {
        this.changes = changes;
        this.questionnaires = questionnaires;
        this.placements = placements;
        this.aggregates = aggregates;
        this.state = state;
        this.properties = properties;
    }

    /** Hides a questionnaire: it leaves the aggregates exactly. False when it was already hidden. */
    public Mono<Boolean> hide(long questionnaireId) {
        return changeStatus(questionnaireId, "PUBLISHED", "HIDDEN", -1);
    }

    /** Reasons a comment can be hidden for (the author sees which). */
    public static final Set<String> COMMENT_REASONS = Set.of("abuse", "personal-data", "spam", "off-topic");

    /** A published comment as long as it is shown; empty when there is none (hidden, empty, or not published). */
    public Mono<RatingRecords.PublishedComment> publishedComment(long questionnaireId) {
        return questionnaires.publishedComment(questionnaireId);
    }

    /**
     * Hides a questionnaire's comment for one of {@link #COMMENT_REASONS}, or shows it again ({@code reason} null); the
     * scores keep counting. 404 for an unknown questionnaire.
     */
    public Mono<Void> hideComment(long questionnaireId, String reason) {
        if (reason != null && !COMMENT_REASONS.contains(reason)) {
            return Mono.error(ApiException.invalid("reason", "validation.unknown"));
        }
        return questionnaires.hideComment(questionnaireId, reason)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(RatingProblem.QUESTIONNAIRE_NOT_FOUND, questionnaireId)))
                .doOnNext(organization -> {
                    changes.publishEvent(new RatingRecords.FiguresChanged(organization));
                    if (reason != null) {
                        // A hidden comment (personal data, abuse) leaves the published open data now, not at night.
                        changes.publishEvent(new OpenDataChanged());
                    }
                })
                .then();
    }

    /** Publishes a hidden questionnaire again: it rejoins the aggregates exactly. */
    public Mono<Boolean> restore(long questionnaireId) {
        return changeStatus(questionnaireId, "HIDDEN", "PUBLISHED", 1);
    }

    /** Releases a questionnaire fair play held: it joins the aggregates exactly. 409 when it is not held. */
    public Mono<Void> release(long questionnaireId) {
        return changeStatus(questionnaireId, "HELD", "PUBLISHED", 1).flatMap(QuestionnaireModeration::decided);
    }

    /** Rejects a held questionnaire: it never counts (its daily limit stays spent). 409 when it is not held. */
    public Mono<Void> reject(long questionnaireId) {
        return changeStatus(questionnaireId, "HELD", "REJECTED", 0).flatMap(QuestionnaireModeration::decided);
    }

    private static Mono<Void> decided(boolean changed) {
        return changed ? Mono.empty() : Mono.error(new ApiException(HttpStatus.CONFLICT, RatingProblem.NOT_HELD));
    }

    private Mono<Boolean> changeStatus(long id, String from, String to, int sign) {
        return questionnaires.questionnaire(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(RatingProblem.QUESTIONNAIRE_NOT_FOUND, id)))
                .flatMap(q -> questionnaires.setStatus(id, from, to).flatMap(changed -> {
                    if (!changed) {
                        return Mono.just(false);
                    }
                    BigDecimal mean = q.mean();
                    Mono<?> applied = sign == 0 ? Mono.empty() : placements.of(q.organizationId())
                            .flatMap(p -> aggregates.apply(p, id, mean.movePointRight(6).longValueExact(),
                                    mean.compareTo(properties.satisfiedFrom()) >= 0, q.scores(), sign,
                                    OffsetDateTime.now().toString()))
                            .onErrorResume(e -> {
                                state.markStale();
                                return Mono.empty();
                            });
                    return applied.then(Mono.fromRunnable(() -> changes.publishEvent(
                                    new RatingRecords.FiguresChanged(q.organizationId()))))
                            .thenReturn(true);
                }));
    }
}

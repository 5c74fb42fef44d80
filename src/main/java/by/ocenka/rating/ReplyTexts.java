package by.ocenka.rating;

import java.util.Collection;
import java.util.Map;

import by.ocenka.rating.RatingRecords.PublicReply;
import reactor.core.publisher.Mono;

/**
 * The organisations' replies as reviews show them, by questionnaire: kept and answered for by the cabinet feature,
 * which implements this (the rating feature does not depend on it). Without it, reviews show no replies.
 */
public interface ReplyTexts {

    /** The replies of those of these questionnaires that have one. */
    Mono<Map<Long, PublicReply>> of(Collection<Long> questionnaireIds);

    /** How the authors judged the organisation's replies over the past year. */
    default Mono<ReplyShares.Helpful> helpfulOfThePastYear(long organizationId) {
        return Mono.just(ReplyShares.Helpful.NONE);
    }
}

package by.ocenka.cabinet.internal;

import java.util.Collection;
import java.util.Map;

import by.ocenka.rating.RatingRecords.PublicReply;
import by.ocenka.rating.ReplyShares;
import by.ocenka.rating.ReplyTexts;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The cabinet's replies, for the reviews the rating feature publishes. */
@Component
class RepliesForReviews implements ReplyTexts {

    private final ReplyRepository replies;
    private final ReplyFeedback feedback;

    RepliesForReviews(ReplyRepository replies, ReplyFeedback feedback) {
        this.replies = replies;
        this.feedback = feedback;
    }

    @Override
    public Mono<ReplyShares.Helpful> helpfulOfThePastYear(long organizationId) {
        return feedback.ofThePastYear(organizationId);
    }

    @Override
    public Mono<Map<Long, PublicReply>> of(Collection<Long> questionnaireIds) {
        return replies.of(questionnaireIds);
    }
}

package by.ocenka.cabinet.internal;

import java.util.Collection;
import java.util.Map;

import by.ocenka.rating.RatingRecords.PublicReply;
import by.ocenka.rating.ReplyTexts;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The cabinet's replies, for the reviews the rating feature publishes. */
@Component
class RepliesForReviews implements ReplyTexts {

    private final ReplyRepository replies;

    RepliesForReviews(ReplyRepository replies) {
        this.replies = replies;
    }

    @Override
    public Mono<Map<Long, PublicReply>> of(Collection<Long> questionnaireIds) {
        return replies.of(questionnaireIds);
    }
}

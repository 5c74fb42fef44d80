package by.ocenka.rating.internal;

import by.ocenka.rating.RatingSubmission;
import by.ocenka.web.SharedSignedInPages;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The rating form is the same for every signed-in visitor but one who rated the organisation today (told so instead). */
@Component
class RatingFormForEveryone implements SharedSignedInPages {

    private final RatingSubmission submission;

    RatingFormForEveryone(RatingSubmission submission) {
        this.submission = submission;
    }

    @Override
    public Mono<Boolean> sameForVisitor(long visitorId, long organizationId) {
        return submission.ratedToday(visitorId, organizationId).map(rated -> !rated);
    }
}

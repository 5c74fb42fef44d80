package by.ocenka.rating;

import java.time.Duration;

import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import by.ocenka.rating.internal.RatingProperties;
import by.ocenka.rating.internal.SubtreeRepository;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** How an organisation answers its citizens, as its public page shows it: the share answered and the median wait. */
@Service
public class ReplyShares {

    /**
     * Over the past year: how many questionnaires asked for a reply, the share answered, the median wait in hours, and
     * how the authors judged the replies.
     */
    public record ReplyShare(long due, Double answeredPercent, Double medianHours, Helpful helpful) {
    }

    /** Replies their authors marked, and the share of them marked helpful in percent (null under a minimum of marks). */
    public record Helpful(long marked, @Schema(nullable = true) Double helpfulPercent) {
        public static final Helpful NONE = new Helpful(0, null);
    }

    private final ReactiveCache<Long, ReplyShare> shares;

    ReplyShares(SubtreeRepository repository, ReactiveCaches caches, RatingProperties properties,
                ObjectProvider<ReplyTexts> replies) {
        // A year's share barely moves with one reply: recomputed in the background every ten minutes.
        this.shares = caches.create("rating.reply-figures", new ReactiveCaches.Spec(Duration.ofMinutes(10),
                Duration.ofHours(1), 50_000), id -> Mono.zip(repository.ownReplyFiguresOfThePastYear(id, properties.replyDays()),
                        helpful(replies.getIfAvailable(), id))
                .map(t -> new ReplyShare(t.getT1().due(), t.getT1().due() == 0 ? null
                        : Math.round(1000.0 * t.getT1().answered() / t.getT1().due()) / 10.0, t.getT1().medianHours(), t.getT2())));
    }

    private static Mono<Helpful> helpful(ReplyTexts replies, long organizationId) {
        return replies == null ? Mono.just(Helpful.NONE) : replies.helpfulOfThePastYear(organizationId);
    }

    /** The organisation's own figures (not its subtree's) over the past year. */
    public Mono<ReplyShare> of(long organizationId) {
        return shares.get(organizationId);
    }
}

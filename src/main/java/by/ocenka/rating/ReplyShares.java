package by.ocenka.rating;

import java.time.Duration;

import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import by.ocenka.rating.internal.RatingProperties;
import by.ocenka.rating.internal.SubtreeRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** How an organisation answers its citizens, as its public page shows it: the share answered and the median wait. */
@Service
public class ReplyShares {

    /** Over the past year: how many questionnaires asked for a reply, the share answered, the median wait in hours. */
    public record ReplyShare(long due, Double answeredPercent, Double medianHours) {
    }

    private final ReactiveCache<Long, ReplyShare> shares;

    ReplyShares(SubtreeRepository repository, ReactiveCaches caches, RatingProperties properties) {
        // A year's share barely moves with one reply: recomputed in the background every ten minutes.
        this.shares = caches.create("rating.reply-figures", new ReactiveCaches.Spec(Duration.ofMinutes(10),
                Duration.ofHours(1), 50_000), id -> repository.ownReplyFiguresOfThePastYear(id, properties.replyDays())
                        .map(f -> new ReplyShare(f.due(), f.due() == 0 ? null
                                : Math.round(1000.0 * f.answered() / f.due()) / 10.0, f.medianHours())));
    }

    /** The organisation's own figures (not its subtree's) over the past year. */
    public Mono<ReplyShare> of(long organizationId) {
        return shares.get(organizationId);
    }
}

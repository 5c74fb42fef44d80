package by.ocenka.rating;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import by.ocenka.catalog.Organizations;
import by.ocenka.platform.Minsk;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import by.ocenka.rating.RatingRecords.MyRating;
import by.ocenka.rating.RatingRecords.PublicReply;
import by.ocenka.rating.RatingRecords.Review;
import by.ocenka.rating.RatingRecords.TrendPoint;
import by.ocenka.rating.internal.Figures;
import by.ocenka.rating.internal.FiguresRepository;
import by.ocenka.rating.internal.QuestionnaireRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Questionnaires as people read them: an organisation's published reviews and trend, a citizen's own ratings. */
@Service
public class Reviews {

    private final QuestionnaireRepository questionnaires;
    private final FiguresRepository figures;
    private final Organizations organizations;
    private final Clock clock;
    private final ReactiveCache<TrendKey, List<TrendPoint>> trends;
    private final ObjectProvider<ReplyTexts> replyTexts;

    /** An organisation's trend over so many months. */
    private record TrendKey(long organizationId, int months) {
    }

    Reviews(QuestionnaireRepository questionnaires, FiguresRepository figures, Organizations organizations, Clock clock,
            ReactiveCaches caches, ObjectProvider<ReplyTexts> replyTexts) {
        this.replyTexts = replyTexts;
        this.questionnaires = questionnaires;
        this.figures = figures;
        this.organizations = organizations;
        this.clock = clock;
        // A month's mean barely moves with one more questionnaire: recomputed in the background every ten minutes.
        this.trends = caches.create("rating.trends", new ReactiveCaches.Spec(Duration.ofMinutes(10), Duration.ofHours(1),
                50_000), key -> computeTrend(key.organizationId(), key.months()));
    }

    /** Published questionnaires of an organisation, newest first, with the organisation's replies. */
    public Mono<Page<Review>> reviews(long organizationId, PageRequest page) {
        return questionnaires.reviews(organizationId, page).flatMap(reviews -> replies(reviews.items(), Review::id)
                .map(replies -> reviews.map(review -> withReply(review, replies.get(review.id())))));
    }

    /** The latest {@code count} published questionnaires, newest first (the organisation page; no total). */
    public Mono<List<Review>> latest(long organizationId, int count) {
        return questionnaires.latestReviews(organizationId, count).collectList()
                .flatMap(reviews -> replies(reviews, Review::id)
                        .map(replies -> reviews.stream().map(review -> withReply(review, replies.get(review.id()))).toList()));
    }

    /** A citizen's own questionnaires, newest first, with the organisations' names and replies. */
    public Mono<Page<MyRating>> mine(long userId, PageRequest page) {
        return questionnaires.mine(userId, page).flatMap(own -> Mono.zip(organizations
                        .names(own.items().stream().map(QuestionnaireRepository.Own::organizationId).distinct().toList()),
                        replies(own.items(), QuestionnaireRepository.Own::id))
                .map(t -> own.map(q -> new MyRating(q.id(), q.organizationId(), t.getT1().get(q.organizationId()),
                        q.mean(), q.scores(), q.comment(), q.status(), q.createdAt(), t.getT2().get(q.id()),
                        q.commentHidden()))));
    }

    /** One of the citizen's own questionnaires (empty when it is someone else's): the thanks page after a rating. */
    public Mono<QuestionnaireRepository.Own> mine(long userId, long questionnaireId) {
        return questionnaires.own(userId, questionnaireId);
    }

    /** The replies of these questionnaires, from the feature that keeps them (none without it). */
    private <T> Mono<Map<Long, PublicReply>> replies(List<T> items, Function<T, Long> id) {
        ReplyTexts texts = replyTexts.getIfAvailable();
        return texts == null || items.isEmpty() ? Mono.just(Map.of()) : texts.of(items.stream().map(id).toList());
    }

    private static Review withReply(Review r, PublicReply reply) {
        return new Review(r.id(), r.mean(), r.scores(), r.serviceName(), r.serviceDate(), r.comment(), r.author(),
                r.createdAt(), reply, r.commentHidden(), r.imported());
    }

    /** Every figure recomputed from PostgreSQL (after a history import, say): the trends are read afresh. */
    @EventListener(RatingRecords.AggregatesRebuilt.class)
    void rebuilt() {
        trends.invalidateAll();
    }

    /** An organisation's monthly count and mean over the last {@code months} months, oldest first. */
    public Mono<List<TrendPoint>> trend(long organizationId, int months) {
        return trends.get(new TrendKey(organizationId, months));
    }

    private Mono<List<TrendPoint>> computeTrend(long organizationId, int months) {
        LocalDate from = Minsk.today(clock).withDayOfMonth(1).minusMonths(months - 1L);
        return figures.trend(organizationId, from)
                .map(m -> new TrendPoint(m.month(), m.n(), Figures.rounded(m.mean())))
                .collectList();
    }
}

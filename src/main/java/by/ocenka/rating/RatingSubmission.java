package by.ocenka.rating;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import by.ocenka.account.AccountService;
import by.ocenka.account.CurrentUser;
import by.ocenka.catalog.OfferedService;
import by.ocenka.catalog.OrganizationProfiles;
import by.ocenka.catalog.Placement;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ApiException.FieldProblem;
import by.ocenka.platform.Languages;
import by.ocenka.rating.RatingRecords.OrganizationFigures;
import by.ocenka.rating.RatingRecords.RatingAccepted;
import by.ocenka.rating.RatingRecords.RatingRequest;
import by.ocenka.rating.internal.Admission;
import by.ocenka.rating.internal.AggregateState;
import by.ocenka.rating.internal.Aggregates;
import by.ocenka.rating.internal.Criteria;
import by.ocenka.rating.internal.DailyLimit;
import by.ocenka.rating.internal.FairPlay;
import by.ocenka.rating.internal.Figures;
import by.ocenka.rating.internal.Placements;
import by.ocenka.rating.internal.QuestionnaireRepository;
import by.ocenka.rating.internal.QuestionnaireWriter;
import by.ocenka.rating.internal.RatingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The rating pipeline (docs/ARCHITECTURE.md, "Rating pipeline"): validate, take the day's limit and count fair play in one
 * Redis script, store through the micro-batching writer, apply to the aggregates (which publishes the live event; the
 * rankings follow behind), answer with the new figures.
 */
@Service
public class RatingSubmission {

    private static final Logger log = LoggerFactory.getLogger(RatingSubmission.class);

    private final Placements placements;
    private final Criteria criteria;
    private final DailyLimit limit;
    private final QuestionnaireWriter writer;
    private final QuestionnaireRepository questionnaires;
    private final Aggregates aggregates;
    private final AggregateState state;
    private final AccountService accounts;
    private final RatingProperties properties;
    private final ApplicationEventPublisher changes;
    private final FairPlay fairPlay;
    private final Admission admission;
    private final OrganizationProfiles profiles;
    private final Map<String, Counter> outcomes = new HashMap<>();

    RatingSubmission(Placements placements, Criteria criteria, DailyLimit limit, QuestionnaireWriter writer,
                     Aggregates aggregates, AggregateState state, AccountService accounts, RatingProperties properties,
                     MeterRegistry meters, ApplicationEventPublisher changes,
                     QuestionnaireRepository questionnaires, FairPlay fairPlay, Admission admission,
                     OrganizationProfiles profiles) {
        this.admission = admission;
        this.questionnaires = questionnaires;
        this.profiles = profiles;
        this.fairPlay = fairPlay;
        this.changes = changes;
        this.placements = placements;
        this.criteria = criteria;
        this.limit = limit;
        this.writer = writer;
        this.aggregates = aggregates;
        this.state = state;
        this.accounts = accounts;
        this.properties = properties;
        for (String outcome : List.of("accepted", "held", "limited", "invalid", "error")) {
            outcomes.put(outcome, Counter.builder("ocenka.ratings").tag("outcome", outcome)
                    .description("Questionnaires submitted, by outcome").register(meters));
        }
    }

    /**
     * Submits a questionnaire; 201 means it is committed. One that fair play holds (a burst, the organisation's own
     * staff) is committed too, but counts only once a moderator releases it ({@code held} in the answer).
     *
     * @param clientAddress the address the questionnaire came from (its network is counted for bursts, never kept)
     */
    public Mono<RatingAccepted> submit(CurrentUser user, long organizationId, RatingRequest request, String clientAddress) {
        return confirmed(user)
                .then(placements.of(organizationId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("organization-not-found", organizationId)))
                .flatMap(placement -> Mono.zip(criteria.of(organizationId), service(organizationId, request)).flatMap(t -> {
                    List<Criteria.Criterion> list = t.getT1();
                    Optional<OfferedService> service = t.getT2();
                    LocalDate today = limit.today();
                    List<FieldProblem> problems = problems(request, list, service, today);
                    if (!problems.isEmpty()) {
                        return Mono.error(ApiException.invalid(problems));
                    }
                    Map<String, Integer> scores = new LinkedHashMap<>();
                    list.forEach(c -> scores.put(c.code(), request.scores().get(c.code())));
                    // A service picked from the list is stored with its (Russian) name, so that it reads the same later.
                    var questionnaire = new QuestionnaireWriter.NewQuestionnaire(organizationId, user.id(), today, scores,
                            Figures.questionnaireMean(scores.values()),
                            service.map(OfferedService::name).orElse(trim(request.serviceName())), request.serviceDate(),
                            trim(request.comment()), user.signature(), null, service.map(OfferedService::id).orElse(null),
                            trim(request.employee()));
                    // From here on the work runs to its end even if the client goes away: a questionnaire committed
                    // always reaches the aggregates (a cancelled request would otherwise stop between the two).
                    return Mono.fromFuture(admission.admit(user, organizationId, today, clientAddress, scores.values())
                            .flatMap(admitted -> admitted.taken()
                                    ? store(placement, admitted.holdReason() == null ? questionnaire
                                            : questionnaire.heldFor(admitted.holdReason()))
                                    : alreadyTaken(user, clientAddress, placement, questionnaire))
                            .toFuture(), true);
                }))
                .doOnNext(accepted -> {
                    outcomes.get(accepted.held() ? "held" : "accepted").increment();
                    // Before the 201: what this instance answers next includes the questionnaire (or its being held).
                    changes.publishEvent(new RatingRecords.FiguresChanged(organizationId));
                    if (!accepted.held()) {
                        changes.publishEvent(new RatingRecords.QuestionnaireAccepted(accepted.id(), organizationId,
                                accepted.mean(), trim(request.comment())));
                    }
                })
                .doOnError(e -> outcomes.get(outcome(e)).increment());
    }

    /**
     * What is wrong with a questionnaire before anyone is signed in to send it (the page's quick way in checks the
     * answers before it mails a code); 404 for an organisation that is not rated.
     */
    public Mono<List<FieldProblem>> problems(long organizationId, RatingRequest request) {
        return placements.of(organizationId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("organization-not-found", organizationId)))
                .flatMap(placement -> Mono.zip(criteria.of(organizationId), service(organizationId, request)))
                .map(t -> problems(request, t.getT1(), t.getT2(), limit.today()));
    }

    private List<FieldProblem> problems(RatingRequest request, List<Criteria.Criterion> list,
                                        Optional<OfferedService> service, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>(QuestionnaireRules.problems(request, list, today,
                properties.serviceDateWindow()));
        if (request.serviceId() != null && service.isEmpty()) {
            problems.add(new FieldProblem("serviceId", "validation.service.unknown"));
        }
        return problems;
    }

    /** The service the request names, when it is one the organisation offers (empty when none is named or it is not). */
    private Mono<Optional<OfferedService>> service(long organizationId, RatingRequest request) {
        if (request.serviceId() == null) {
            return Mono.just(Optional.empty());
        }
        return profiles.offered(organizationId, Languages.RUSSIAN).map(offered -> offered.stream()
                .filter(s -> s.id() == request.serviceId()).findFirst());
    }

    /** Whether the citizen has already rated the organisation today; false when Redis cannot tell (the submit will). */
    public Mono<Boolean> ratedToday(long userId, long organizationId) {
        return limit.taken(userId, organizationId).onErrorReturn(false);
    }

    /** When a citizen who rated today may rate the same organisation again: the next Minsk midnight. */
    public OffsetDateTime nextRatingDay() {
        return limit.nextMidnight();
    }

    /**
     * Redis says the citizen rated the organisation today. Usually so (409); but an instance that died between taking
     * the limit and writing the row leaves the mark without a questionnaire, and the citizen would be refused all day:
     * when PostgreSQL has no row, the questionnaire is written after all (its unique key still allows one a day).
     */
    private Mono<RatingAccepted> alreadyTaken(CurrentUser user, String clientAddress, Placement placement,
                                              QuestionnaireWriter.NewQuestionnaire q) {
        return questionnaires.ratedOn(q.userId(), q.organizationId(), q.localDate())
                .flatMap(rated -> rated ? Mono.<RatingAccepted>error(limited()) : judged(user, clientAddress, placement, q));
    }

    /** Stores the questionnaire, held when fair play says so (docs/FAIRPLAY.md). */
    private Mono<RatingAccepted> judged(CurrentUser user, String clientAddress, Placement placement,
                                        QuestionnaireWriter.NewQuestionnaire q) {
        return fairPlay.holdReason(user, q.organizationId(), clientAddress, q.scores().values())
                .map(q::heldFor)
                .defaultIfEmpty(q)
                .flatMap(judged -> store(placement, judged));
    }

    private Mono<RatingAccepted> store(Placement placement, QuestionnaireWriter.NewQuestionnaire q) {
        return writer.write(q)
                .onErrorResume(e -> limit.release(q.userId(), q.organizationId(), q.localDate())
                        .onErrorResume(ignored -> Mono.empty())
                        .then(Mono.error(unavailable(e))))
                .flatMap(written -> {
                    if (written.conflict()) {
                        return Mono.error(limited());
                    }
                    if (q.holdReason() != null) {
                        return held(q, written);
                    }
                    long meanMicro = q.mean().movePointRight(6).longValueExact();
                    boolean satisfied = q.mean().compareTo(properties.satisfiedFrom()) >= 0;
                    double mean = q.mean().doubleValue();
                    return aggregates.apply(placement, written.id(), meanMicro, satisfied, q.scores(), 1,
                                    written.createdAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                            .map(a -> new RatingAccepted(written.id(), q.organizationId(), mean, written.createdAt(),
                                    figures(a.n(), a.sum(), a.sat()),
                                    false))
                            // Committed is committed: if Redis failed just now, answer 201 without fresh figures and
                            // let the reconciler rebuild the aggregates.
                            .onErrorResume(e -> {
                                state.markStale();
                                log.warn("Questionnaire {} stored but not applied to the aggregates: {}", written.id(), e.toString());
                                return Mono.just(new RatingAccepted(written.id(), q.organizationId(), mean,
                                        written.createdAt(), new OrganizationFigures(null, 0, null), false));
                            });
                });
    }

    /** A held questionnaire leaves the aggregates alone: the answer carries the organisation's figures as they stand. */
    private Mono<RatingAccepted> held(QuestionnaireWriter.NewQuestionnaire q, QuestionnaireWriter.Written written) {
        double mean = q.mean().doubleValue();
        return aggregates.figures(List.of(q.organizationId()))
                .map(figures -> {
                    Aggregates.Totals t = figures.get(q.organizationId()).totals();
                    return figures(t.n(), t.sum(), t.sat());
                })
                .onErrorReturn(new OrganizationFigures(null, 0, null))
                .map(figures -> new RatingAccepted(written.id(), q.organizationId(), mean, written.createdAt(), figures, true));
    }

    private static OrganizationFigures figures(long n, long sumMicro, long satisfied) {
        return new OrganizationFigures(Figures.score(n, sumMicro), n, Figures.satisfaction(n, satisfied));
    }

    private Mono<Void> confirmed(CurrentUser user) {
        if (user.emailConfirmed()) {
            return Mono.empty();
        }
        // The session keeps the user as at login; the address may have been confirmed since.
        return accounts.user(user.id()).flatMap(fresh -> fresh.emailConfirmed() ? Mono.<Void>empty()
                : Mono.error(new ApiException(HttpStatus.FORBIDDEN, RatingProblem.EMAIL_NOT_CONFIRMED)));
    }

    private ApiException limited() {
        OffsetDateTime next = limit.nextMidnight();
        return new ApiException(HttpStatus.CONFLICT, RatingProblem.DAILY_LIMIT).with("retryAfter", next.toString())
                .header("Retry-After", String.valueOf(Math.max(1, Duration.between(
                        OffsetDateTime.now(next.getOffset()), next).toSeconds())));
    }

    private static ApiException unavailable(Throwable cause) {
        log.warn("Questionnaire not stored: {}", cause.toString());
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, RatingProblem.STORAGE_UNAVAILABLE);
    }

    private static String outcome(Throwable e) {
        if (e instanceof ApiException api) {
            return switch (api.status().value()) {
                case 409 -> "limited";
                case 400, 403, 404 -> "invalid";
                default -> "error";
            };
        }
        return "error";
    }

    private static String trim(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

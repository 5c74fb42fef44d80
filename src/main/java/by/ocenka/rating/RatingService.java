package by.ocenka.rating;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import by.ocenka.account.AccountService;
import by.ocenka.account.CurrentUser;
import by.ocenka.catalog.CatalogService;
import by.ocenka.catalog.OrganizationScores;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.MonoCache;
import by.ocenka.platform.ApiException.FieldProblem;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.RatingRecords.MyRating;
import by.ocenka.rating.RatingRecords.OrganizationFigures;
import by.ocenka.rating.RatingRecords.RatingAccepted;
import by.ocenka.rating.RatingRecords.RatingRequest;
import by.ocenka.rating.RatingRecords.Review;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The rating pipeline (DESIGN.md, "The rating pipeline"): validate, take the day's limit in Redis, store through
 * the micro-batching writer, apply to the aggregates (which publishes the live event), answer with the new figures.
 * Also what the catalogue shows of ratings ({@link OrganizationScores}), from Redis, or from PostgreSQL's reconciled
 * copy while Redis is unreachable.
 */
@Service
public class RatingService implements OrganizationScores, by.ocenka.platform.LocalCache {

    private static final Logger log = LoggerFactory.getLogger(RatingService.class);

    private final Placements placements;
    private final Criteria criteria;
    private final DailyLimit limit;
    private final QuestionnaireWriter writer;
    private final Aggregates aggregates;
    private final RatingRepository repository;
    private final AccountService accounts;
    private final RatingProperties properties;
    private final CatalogService catalog;
    private final org.springframework.beans.factory.ObjectProvider<AggregateRebuilder> rebuilder;
    private final org.springframework.beans.factory.ObjectProvider<RatingJobs> jobs;
    private final Map<String, Counter> outcomes = new HashMap<>();
    /** Set when a committed questionnaire could not be applied to Redis: the reconciler then rebuilds. */
    private final AtomicBoolean aggregatesStale = new AtomicBoolean();

    RatingService(Placements placements, Criteria criteria, DailyLimit limit, QuestionnaireWriter writer,
                  Aggregates aggregates, RatingRepository repository, AccountService accounts,
                  RatingProperties properties, MeterRegistry meters, CatalogService catalog,
                  org.springframework.beans.factory.ObjectProvider<AggregateRebuilder> rebuilder,
                  org.springframework.beans.factory.ObjectProvider<RatingJobs> jobs) {
        this.rebuilder = rebuilder;
        this.jobs = jobs;
        this.placements = placements;
        this.catalog = catalog;
        this.criteria = criteria;
        this.limit = limit;
        this.writer = writer;
        this.aggregates = aggregates;
        this.repository = repository;
        this.accounts = accounts;
        this.properties = properties;
        for (String outcome : List.of("accepted", "limited", "invalid", "error")) {
            outcomes.put(outcome, Counter.builder("ocenka.ratings").tag("outcome", outcome)
                    .description("Questionnaires submitted, by outcome").register(meters));
        }
    }

    /** Submits a questionnaire; 201 means it is committed. */
    public Mono<RatingAccepted> submit(CurrentUser user, long organizationId, RatingRequest request) {
        return confirmed(user)
                .then(placements.of(organizationId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("organization-not-found", organizationId)))
                .flatMap(placement -> criteria.of(organizationId).flatMap(list -> {
                    LocalDate today = limit.today();
                    List<FieldProblem> problems = validate(request, list, today);
                    if (!problems.isEmpty()) {
                        return Mono.error(ApiException.invalid(problems));
                    }
                    Map<String, Integer> scores = new LinkedHashMap<>();
                    list.forEach(c -> scores.put(c.code(), request.scores().get(c.code())));
                    BigDecimal mean = Figures.questionnaireMean(scores.values());
                    var questionnaire = new QuestionnaireWriter.NewQuestionnaire(organizationId, user.id(), today,
                            RatingRepository.json(scores), mean, trim(request.serviceName()), request.serviceDate(),
                            trim(request.comment()));
                    return limit.take(user.id(), organizationId, today)
                            .flatMap(taken -> taken ? store(placement, questionnaire, scores)
                                    : Mono.error(limited()));
                }))
                .doOnNext(accepted -> outcomes.get("accepted").increment())
                .doOnError(e -> outcomes.get(outcome(e)).increment());
    }

    private Mono<RatingAccepted> store(CatalogService.Placement placement, QuestionnaireWriter.NewQuestionnaire q,
                                       Map<String, Integer> scores) {
        return writer.write(q)
                .onErrorResume(e -> limit.release(q.userId(), q.organizationId(), q.localDate())
                        .onErrorResume(ignored -> Mono.empty())
                        .then(Mono.error(unavailable(e))))
                .flatMap(written -> {
                    if (written.conflict()) {
                        return Mono.error(limited());
                    }
                    long meanMicro = q.mean().movePointRight(6).longValueExact();
                    boolean satisfied = q.mean().compareTo(properties.satisfiedFrom()) >= 0;
                    double mean = q.mean().doubleValue();
                    return aggregates.apply(placement, meanMicro, satisfied, scores, 1,
                                    written.createdAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                            .map(a -> new RatingAccepted(written.id(), q.organizationId(), mean, written.createdAt(),
                                    new OrganizationFigures(Figures.score(a.n(), a.sum()), a.n(), Figures.satisfaction(a.n(), a.sat()))))
                            // Committed is committed: if Redis failed just now, answer 201 without fresh figures and
                            // let the reconciler rebuild the aggregates.
                            .onErrorResume(e -> {
                                aggregatesStale.set(true);
                                log.warn("Questionnaire {} stored but not applied to the aggregates: {}", written.id(), e.toString());
                                return Mono.just(new RatingAccepted(written.id(), q.organizationId(), mean,
                                        written.createdAt(), new OrganizationFigures(null, 0, null)));
                            });
                });
    }

    private List<FieldProblem> validate(RatingRequest request, List<Criteria.Criterion> list, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Integer> scores = request.scores();
        if (scores == null || scores.isEmpty()) {
            problems.add(new FieldProblem("scores", "validation.required"));
        } else {
            for (Criteria.Criterion c : list) {
                Integer score = scores.get(c.code());
                if (score == null) {
                    problems.add(new FieldProblem("scores." + c.code(), "validation.required"));
                } else if (score < 1 || score > 5) {
                    problems.add(new FieldProblem("scores." + c.code(), "Size.range", "score", 5, 1));
                }
            }
            for (String code : scores.keySet()) {
                if (list.stream().noneMatch(c -> c.code().equals(code))) {
                    problems.add(new FieldProblem("scores." + code, "validation.criterion.unknown"));
                }
            }
        }
        if (request.comment() != null && request.comment().length() > 2000) {
            problems.add(new FieldProblem("comment", "validation.tooLong", 2000));
        }
        if (request.serviceName() != null && request.serviceName().length() > 200) {
            problems.add(new FieldProblem("serviceName", "validation.tooLong", 200));
        }
        if (request.serviceDate() != null) {
            if (request.serviceDate().isAfter(today)) {
                problems.add(new FieldProblem("serviceDate", "PastOrPresent"));
            } else if (request.serviceDate().isBefore(today.minus(properties.serviceDateWindow()))) {
                problems.add(new FieldProblem("serviceDate", "validation.serviceDate.old"));
            }
        }
        return problems;
    }

    private Mono<Void> confirmed(CurrentUser user) {
        if (user.emailConfirmed()) {
            return Mono.empty();
        }
        // The session keeps the user as at login; the address may have been confirmed since.
        return accounts.user(user.id()).flatMap(fresh -> fresh.emailConfirmed() ? Mono.<Void>empty()
                : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "email-not-confirmed")));
    }

    private ApiException limited() {
        OffsetDateTime next = limit.nextMidnight();
        return new ApiException(HttpStatus.CONFLICT, "daily-limit").with("retryAfter", next.toString())
                .header("Retry-After", String.valueOf(Math.max(1, java.time.Duration.between(
                        OffsetDateTime.now(next.getOffset()), next).toSeconds())));
    }

    private static ApiException unavailable(Throwable cause) {
        log.warn("Questionnaire not stored: {}", cause.toString());
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable");
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

    // --- What the catalogue shows -------------------------------------------------------------------------------

    @Override
    public Mono<Map<Long, Score>> scores(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return aggregates.figures(List.copyOf(ids))
                .map(figures -> {
                    Map<Long, Score> result = new HashMap<>();
                    figures.forEach((id, f) -> result.put(id, Figures.of(f[0], f[1], f[2], f[3] == 0 ? null : (int) f[3])));
                    return result;
                })
                .onErrorResume(e -> fromPostgres(ids));
    }

    /** While Redis is unreachable: the reconciled figures, without ranks. */
    private Mono<Map<Long, Score>> fromPostgres(Collection<Long> ids) {
        return repository.stored(ids).map(stored -> {
            Map<Long, Score> result = new HashMap<>();
            for (Long id : ids) {
                long[] t = stored.getOrDefault(id, new long[3]);
                result.put(id, Figures.of(t[0], t[1], t[2], null));
            }
            return result;
        });
    }

    @Override
    public Mono<Details> details(long id, CatalogService.Placement placement, Locale locale) {
        Mono<List<Criteria.Criterion>> list = criteria.of(id);
        Mono<Details> fromRedis = Mono.zip(list, aggregates.raw(id), ranks(placement)).map(t -> {
            Aggregates.Raw raw = t.getT2();
            Map<String, Double> means = new LinkedHashMap<>();
            for (Criteria.Criterion c : t.getT1()) {
                long[] sc = raw.criteria().get(c.code());
                if (sc != null && sc[1] > 0) {
                    means.put(c.code(), Figures.mean(sc[0], sc[1]));
                }
            }
            Map<String, Integer> ranks = raw.n() == 0 ? Map.of() : t.getT3();
            return new Details(Figures.of(raw.n(), raw.sum(), raw.sat(), ranks.get("country")),
                    t.getT1().stream().map(c -> c.view(locale)).toList(), means, ranks);
        });
        return fromRedis.onErrorResume(e -> Mono.zip(list, fromPostgres(List.of(id)))
                .map(t -> new Details(t.getT2().get(id), t.getT1().stream().map(c -> c.view(locale)).toList(), Map.of(), Map.of())));
    }

    private Mono<Map<String, Integer>> ranks(CatalogService.Placement placement) {
        List<String> keys = Aggregates.rankings(placement);
        String[] names = {"country", "sphere", "region", "parent"};
        return reactor.core.publisher.Flux.range(0, keys.size())
                .flatMapSequential(i -> aggregates.rank(keys.get(i), placement.id()).map(r -> Map.entry(names[i], r)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }

    public Mono<Page<Review>> reviews(long organizationId, PageRequest page) {
        return repository.reviews(organizationId, page);
    }

    /** The latest {@code count} published questionnaires, newest first (the organisation page; no total). */
    public Mono<List<Review>> latestReviews(long organizationId, int count) {
        return repository.latestReviews(organizationId, count).collectList();
    }

    public Mono<Page<MyRating>> mine(long userId, PageRequest page) {
        return repository.mine(userId, page);
    }

    /** Hides a questionnaire (moderation): it leaves the aggregates exactly. False when it was already hidden. */
    public Mono<Boolean> hide(long questionnaireId) {
        return changeStatus(questionnaireId, "PUBLISHED", "HIDDEN", -1);
    }

    /** Publishes a hidden questionnaire again: it rejoins the aggregates exactly. */
    public Mono<Boolean> restore(long questionnaireId) {
        return changeStatus(questionnaireId, "HIDDEN", "PUBLISHED", 1);
    }

    private Mono<Boolean> changeStatus(long id, String from, String to, int sign) {
        return repository.questionnaire(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("questionnaire-not-found", id)))
                .flatMap(q -> repository.setStatus(id, from, to).flatMap(changed -> {
                    if (!changed) {
                        return Mono.just(false);
                    }
                    BigDecimal mean = (BigDecimal) q[1];
                    @SuppressWarnings("unchecked")
                    Map<String, Integer> scores = (Map<String, Integer>) q[2];
                    return placements.of((Long) q[0])
                            .flatMap(p -> aggregates.apply(p, mean.movePointRight(6).longValueExact(),
                                    mean.compareTo(properties.satisfiedFrom()) >= 0, scores, sign,
                                    OffsetDateTime.now().toString()))
                            .onErrorResume(e -> {
                                aggregatesStale.set(true);
                                return Mono.empty();
                            })
                            .thenReturn(true);
                }));
    }

    // --- Rankings and statistics ----------------------------------------------------------------------------------

    public enum Scope {
        COUNTRY, SPHERE, REGION, PARENT;

        /** A request's {@code scope} parameter: the country when absent, 400 naming {@code scope} when unknown. */
        public static Scope parse(String scope) {
            if (scope == null || scope.isBlank()) {
                return COUNTRY;
            }
            try {
                return valueOf(scope.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("scope", "validation.unknown");
            }
        }
    }

    /** One page of a ranking, best first, each with its change against the last daily snapshot. */
    public Mono<Page<RatingRecords.RankingEntry>> ranking(Scope scope, Long scopeId, PageRequest page, Locale locale) {
        if (scope != Scope.COUNTRY && scopeId == null) {
            return Mono.error(ApiException.invalid("id", "validation.required"));
        }
        String key = scope == Scope.COUNTRY ? "rank:country" : "rank:" + scope.name().toLowerCase(Locale.ROOT) + ":" + scopeId;
        String snapshotScope = scope.name().toLowerCase(Locale.ROOT);
        long snapshotId = scope == Scope.COUNTRY ? 0 : scopeId;
        return Mono.zip(aggregates.rankingSize(key), aggregates.rankingPage(key, page.offset(), page.size()).collectList())
                .flatMap(t -> Mono.zip(catalog.summaries(t.getT2(), locale),
                                repository.previousPositions(snapshotScope, snapshotId, t.getT2(), limit.today()))
                        .map(s -> {
                            List<RatingRecords.RankingEntry> entries = new ArrayList<>();
                            Map<Long, by.ocenka.catalog.CatalogRecords.OrganizationSummary> byId = new HashMap<>();
                            s.getT1().forEach(summary -> byId.put(summary.id(), summary));
                            for (int i = 0; i < t.getT2().size(); i++) {
                                long id = t.getT2().get(i);
                                var summary = byId.get(id);
                                if (summary == null) {
                                    continue;
                                }
                                int rank = (int) page.offset() + i + 1;
                                Integer before = s.getT2().get(id);
                                entries.add(new RatingRecords.RankingEntry(rank, before == null ? null : before - rank,
                                        summary, summary.score(), summary.ratingsCount()));
                            }
                            return new Page<>(entries, page.page(), page.size(), t.getT1());
                        }))
                .onErrorResume(e -> rankingFromCatalogue(scope, scopeId, page, locale));
    }

    /**
     * While Redis is unreachable: the order of the catalogue's sortable copies (kept by the reconciler), figures
     * from PostgreSQL, no changes.
     */
    private Mono<Page<RatingRecords.RankingEntry>> rankingFromCatalogue(Scope scope, Long scopeId, PageRequest page,
                                                                         Locale locale) {
        Integer sphere = scope == Scope.SPHERE ? scopeId.intValue() : null;
        Integer region = scope == Scope.REGION ? scopeId.intValue() : null;
        Long parent = scope == Scope.PARENT ? scopeId : null;
        return catalog.search(new by.ocenka.catalog.OrganizationQuery(null, sphere, null, region, null, parent,
                        by.ocenka.catalog.OrganizationQuery.Sort.RANK, page), locale)
                .map(found -> {
                    List<RatingRecords.RankingEntry> entries = new ArrayList<>();
                    for (int i = 0; i < found.items().size(); i++) {
                        var summary = found.items().get(i);
                        if (summary.ratingsCount() > 0) {
                            entries.add(new RatingRecords.RankingEntry((int) page.offset() + i + 1, null, summary,
                                    summary.score(), summary.ratingsCount()));
                        }
                    }
                    return new Page<>(entries, page.page(), page.size(), entries.size() < page.size()
                            ? page.offset() + entries.size() : found.total());
                });
    }

    private final MonoCache<Locale, RatingRecords.Stats> stats = new MonoCache<>(Duration.ofMinutes(1), 8);
    private final MonoCache<Integer, List<Object[]>> improvements = new MonoCache<>(Duration.ofMinutes(10), 8);

    /** Forgets the cached statistics and improvements. */
    @Override
    public void clear() {
        stats.clear();
        improvements.clear();
    }

    /** The country's figures, by sphere, region and month, and how organisations' scores spread; kept a minute. */
    public Mono<RatingRecords.Stats> stats(Locale locale) {
        return stats.get(locale, this::computeStats);
    }

    private Mono<RatingRecords.Stats> computeStats(Locale locale) {
        Mono<List<RatingRepository.Truth>> perOrganization = repository.perOrganization(properties.satisfiedFrom()).collectList();
        Mono<Map<Long, CatalogService.Placement>> placements = catalog.placements().collectMap(CatalogService.Placement::id);
        Mono<List<by.ocenka.catalog.CatalogRecords.SphereView>> spheres = catalog.spheres(locale);
        Mono<List<by.ocenka.catalog.CatalogRecords.RegionView>> regions = catalog.regions(locale);
        Mono<List<RatingRecords.MonthStat>> months = repository.byMonth(properties.satisfiedFrom())
                .map(r -> {
                    long n = (Long) r[1];
                    BigDecimal avg = (BigDecimal) r[2];
                    return new RatingRecords.MonthStat((String) r[0], n,
                            avg == null ? null : avg.setScale(2, java.math.RoundingMode.HALF_UP).doubleValue(),
                            Figures.satisfaction(n, (Long) r[3]));
                }).collectList();
        return Mono.zip(perOrganization, placements, spheres, months, repository.totals(), regions).map(t -> {
            Map<Integer, long[]> bySphere = new HashMap<>();
            Map<Integer, long[]> byRegion = new HashMap<>();
            long[] buckets = new long[8]; // 1–1.5, 1.5–2, … 4.5–5
            long n = 0;
            long sum = 0;
            long sat = 0;
            for (RatingRepository.Truth row : t.getT1()) {
                n += row.n();
                sum += row.sumMicro();
                sat += row.satisfied();
                if (row.n() > 0) {
                    double score = Figures.score(row.n(), row.sumMicro());
                    buckets[Math.min(7, Math.max(0, (int) ((score - 1) * 2)))]++;
                }
                CatalogService.Placement p = t.getT2().get(row.organizationId());
                if (p != null) {
                    add(bySphere.computeIfAbsent(p.sphereId(), k -> new long[3]), row);
                    add(byRegion.computeIfAbsent(p.regionId(), k -> new long[3]), row);
                }
            }
            List<RatingRecords.GroupStat> sphereStats = t.getT3().stream()
                    .map(sphere -> group(sphere.id(), sphere.name(), bySphere.get(sphere.id()))).toList();
            List<RatingRecords.GroupStat> regionStats = t.getT6().stream()
                    .map(region -> group(region.id(), region.name(), byRegion.get(region.id()))).toList();
            List<RatingRecords.ScoreBucket> distribution = new java.util.ArrayList<>();
            for (int i = 0; i < buckets.length; i++) {
                distribution.add(new RatingRecords.ScoreBucket(1 + i / 2.0, 1.5 + i / 2.0, buckets[i]));
            }
            long organizations = t.getT3().stream().mapToLong(by.ocenka.catalog.CatalogRecords.SphereView::organizationsCount).sum();
            return new RatingRecords.Stats(organizations, ((Number) t.getT5().get("citizens")).longValue(), n,
                    Figures.score(n, sum), Figures.satisfaction(n, sat), sphereStats, regionStats, t.getT4(), distribution);
        });
    }

    private static void add(long[] sums, RatingRepository.Truth row) {
        sums[0] += row.n();
        sums[1] += row.sumMicro();
        sums[2] += row.satisfied();
    }

    private static RatingRecords.GroupStat group(long id, String name, long[] sums) {
        long[] s = sums == null ? new long[3] : sums;
        return new RatingRecords.GroupStat(id, name, s[0], Figures.score(s[0], s[1]), Figures.satisfaction(s[0], s[2]));
    }

    // --- What the organisation page and the home page show ---------------------------------------------------------

    /** An organisation's monthly count and mean over the last {@code months} months, oldest first. */
    public Mono<List<RatingRecords.TrendPoint>> trend(long organizationId, int months) {
        LocalDate from = limit.today().withDayOfMonth(1).minusMonths(months - 1L);
        return repository.trend(organizationId, from)
                .map(r -> new RatingRecords.TrendPoint((String) r[0], (Long) r[1],
                        ((BigDecimal) r[2]).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue()))
                .collectList();
    }

    /** An organisation's positions per scope ({@code country}, {@code sphere}, …) in the last daily snapshot. */
    public Mono<Map<String, Integer>> previousRanks(long organizationId) {
        return repository.previousRanks(organizationId, limit.today());
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
     * The organisations whose mean rose most: the last 90 days against the year before them, with at least five
     * questionnaires in each. A heavy query over all questionnaires: kept ten minutes.
     */
    public Mono<List<RatingRecords.Improvement>> improved(int count, Locale locale) {
        return improvements.get(count, c -> {
                    LocalDate recent = limit.today().minusDays(90);
                    return repository.improved(recent, recent.minusDays(365), 5, c).collectList();
                })
                .flatMap(rows -> catalog.summaries(rows.stream().map(r -> (Long) r[0]).toList(), locale)
                        .map(summaries -> {
                            Map<Long, by.ocenka.catalog.CatalogRecords.OrganizationSummary> byId = new HashMap<>();
                            summaries.forEach(s -> byId.put(s.id(), s));
                            return rows.stream().filter(r -> byId.containsKey((Long) r[0]))
                                    .map(r -> new RatingRecords.Improvement(byId.get((Long) r[0]),
                                            ((BigDecimal) r[1]).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue(),
                                            ((BigDecimal) r[2]).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue()))
                                    .toList();
                        }));
    }

    /** Rebuilds every aggregate from PostgreSQL and reconciles (after a bulk load, such as the demo data). */
    public Mono<Void> rebuildAggregates() {
        return rebuilder.getObject().rebuild().then(jobs.getObject().reconcile());
    }

    boolean aggregatesStale() {
        return aggregatesStale.get();
    }

    void aggregatesRebuilt() {
        aggregatesStale.set(false);
    }
}

package by.ocenka.rating.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.Placement;
import by.ocenka.platform.EventLoops;
import by.ocenka.platform.LuaScript;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The running aggregates in Redis. Per organisation a hash {@code agg:{id}}: {@code n} questionnaires, {@code sum} of
 * their means in millionths (integers, so sums are exact and equal a recomputation to the last digit), {@code sat}
 * satisfied ones, and per criterion {@code s:CODE} (sum of scores) and {@code c:CODE} (count). {@code agg:global}
 * holds the country's totals; sorted sets {@code rank:country}, {@code rank:sphere:N}, {@code rank:region:N},
 * {@code rank:parent:N} the official order's sort key and {@code fairrank:…} the sort key of the order that allows for the
 * number of ratings ({@link RatingKeys}). Applying a questionnaire (or taking a hidden one back) is O(1) and
 * never touches two slots in one command, so the same code runs on one Redis and on a Redis Cluster.
 */
@Component
public class Aggregates {

    public static final long MICRO = 1_000_000L;

    /** n, sum, sat and the event id of one application. */
    public record Applied(long n, long sum, long sat, long eventId) {
    }

    /** Count, sum of means in millionths and satisfied count of an organisation or the country. */
    public record Totals(long n, long sum, long sat) {
        static final Totals NONE = new Totals(0, 0, 0);
    }

    /** Totals and the country rank (null: unranked) of an organisation. */
    public record Ranked(Totals totals, Integer rank) {
    }

    /** One criterion's sum of scores and how many scored it. */
    public record CriterionSum(long sum, long count) {
    }

    /** An organisation's raw aggregate. */
    public record Raw(long n, long sum, long sat, Map<String, CriterionSum> criteria) {
    }

    /**
     * An organisation's part of applying a questionnaire, on its own slot: its counters ({@code agg:{id}}) and its live
     * event, numbered by the organisation's sequence ({@code events:{id}}) and published from the same script, so
     * that the events of one organisation leave in the order of their ids and counts.
     */
    private static final LuaScript APPLY = new LuaScript(AggregateArguments.Organization.UNPACK + """

            local n = redis.call('HINCRBY', KEYS[1], 'n', count_delta)
            local sum = redis.call('HINCRBY', KEYS[1], 'sum', mean_delta)
            local sat = redis.call('HINCRBY', KEYS[1], 'sat', satisfied_delta)
            for i = %d, #ARGV, 2 do
              redis.call('HINCRBY', KEYS[1], 's:' .. ARGV[i], ARGV[i + 1])
              redis.call('HINCRBY', KEYS[1], 'c:' .. ARGV[i], count_delta)
            end
            local id = 0
            if publish == '1' then
              id = redis.call('INCR', KEYS[2])
              redis.call('PUBLISH', channel, cjson.encode({id = id, o = tonumber(organization), n = n, sum = sum, sat = sat,
                mean = mean, at = at, q = tonumber(questionnaire)}))
            end
            return {n, sum, sat, id}""".formatted(AggregateArguments.Organization.FIRST_SCORE), ReturnType.MULTI);

    private final ReactiveStringRedisTemplate redis;
    private final RatingProperties properties;
    private final RankingWriter rankings;
    private final CountryTotals country;

    Aggregates(ReactiveStringRedisTemplate redis, RatingProperties properties, RankingWriter rankings,
               CountryTotals country) {
        this.redis = redis;
        this.properties = properties;
        this.rankings = rankings;
        this.country = country;
    }

    /**
     * Adds ({@code sign} 1) or takes back ({@code sign} -1) one questionnaire; publishes the live event when adding.
     * One script on the organisation's slot (so this runs on a Redis Cluster as on one server): its counters and its
     * live event. The country's totals ({@link CountryTotals}) and the organisation's score in each of its rankings
     * ({@link RankingWriter}) follow behind, coalesced over a few milliseconds, the fair score against the country's
     * mean as this instance last read it (it moves only at a re-rank). So the answer and the event may come a moment
     * before the ranks move; the next re-rank (every reconcile interval) scores every organisation again from its
     * counters, and a ranking that could not be written is left to it: the counters, which only a rebuild can repair,
     * are what matters.
     */
    public Mono<Applied> apply(Placement placement, long questionnaireId, long meanMicro, boolean satisfied,
                               Map<String, Integer> scores, int sign, String at) {
        var change = AggregateArguments.Organization.of(placement.id(), questionnaireId, meanMicro, satisfied, scores,
                sign, at, RatingKeys.CHANNEL);
        Mono<List<Object>> organization = APPLY.run(redis,
                List.of(RatingKeys.aggregate(placement.id()), RatingKeys.events(placement.id())), change.argv());
        return EventLoops.back(organization.map(counters -> {
            country.add(sign, change.meanDelta(), change.satisfiedDelta());
            long n = number(counters.get(0));
            long sum = number(counters.get(1));
            long sat = number(counters.get(2));
            double fair = n > 0 ? Figures.rankScore(n, sum, country.mean(), properties.bayesWeight()) : 0;
            rankings.write(placement, Figures.officialRankScore(n, sum, properties.minForRank()), n > 0 ? fair : null);
            return new Applied(n, sum, sat, number(counters.get(3)));
        }));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    /**
     * n, sum, sat and the country rank of each organisation. The commands go out together on the shared connection
     * (Lettuce pipelines them; up to 256 organisations at a time): each organisation's aggregate lives on a slot of its
     * own in a cluster, so no single script could read them all.
     */
    public Mono<Map<Long, Ranked>> figures(List<Long> ids) {
        return EventLoops.back(Flux.fromIterable(ids)
                .flatMap(id -> Mono.zip(totals(id), rank(RatingKeys.COUNTRY, id).defaultIfEmpty(0))
                        .map(t -> Map.entry(id, new Ranked(t.getT1(), t.getT2() == 0 ? null : t.getT2()))), 256)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new));
    }

    /** n, sum and sat of each organisation, pipelined as {@link #figures} (without the ranks). */
    Mono<Map<Long, Totals>> totals(List<Long> ids) {
        return EventLoops.back(Flux.fromIterable(ids)
                .flatMap(id -> totals(id).map(t -> Map.entry(id, t)), 256)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new));
    }

    /** n, sum and sat of one organisation (zero when it has none). */
    Mono<Totals> totals(long id) {
        return redis.<String, String>opsForHash().multiGet(RatingKeys.aggregate(id), List.of("n", "sum", "sat"))
                .map(Aggregates::parseTotals);
    }

    public Mono<Raw> raw(long id) {
        return redis.<String, String>opsForHash().entries(RatingKeys.aggregate(id))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(fields -> {
                    // Per criterion: s:CODE holds the sum of its scores, c:CODE how many scored it.
                    Map<String, CriterionSum> criteria = new HashMap<>();
                    fields.forEach((field, value) -> {
                        if (field.startsWith("s:")) {
                            String code = field.substring(2);
                            criteria.put(code, new CriterionSum(Long.parseLong(value), parse(fields.get("c:" + code))));
                        }
                    });
                    return new Raw(parse(fields.get("n")), parse(fields.get("sum")), parse(fields.get("sat")), criteria);
                });
    }

    /**
     * 1-based position in an official ranking, or empty when not ranked (no questionnaire, or fewer than the
     * minimum): the ranked sort before the others, so a ranked organisation's position counts only ranked ones.
     */
    public Mono<Integer> rank(String ranking, long id) {
        String member = String.valueOf(id);
        return redis.opsForZSet().score(ranking, member)
                .filter(Figures::ranked)
                .flatMap(score -> redis.opsForZSet().reverseRank(ranking, member))
                .map(r -> (int) (r + 1));
    }

    /** How many organisations a ranking lists (in the official order: ranked or not). */
    public Mono<Long> rankingSize(String ranking) {
        return redis.opsForZSet().size(ranking);
    }

    /** How many organisations an official ranking gives a position. */
    public Mono<Long> rankedCount(String ranking) {
        return redis.opsForZSet().count(ranking, Range.closed(Figures.RANKED, Double.MAX_VALUE));
    }

    /** One page of a ranking, best first: organisation ids. */
    public Flux<Long> rankingPage(String ranking, long offset, int size) {
        return redis.opsForZSet().reverseRange(ranking, Range.closed(offset, offset + size - 1)).map(Long::valueOf);
    }

    /** The organisations an official ranking gives a position, best first. */
    Flux<Long> rankedIds(String ranking) {
        return redis.opsForZSet().reverseRangeByScore(ranking, Range.closed(Figures.RANKED, Double.MAX_VALUE)).map(Long::valueOf);
    }

    /** Every official ranking key (SCAN, never KEYS). */
    Flux<String> rankings() {
        return scan(RatingKeys.RANKINGS_PATTERN);
    }

    /** Every ranking key of both orders. */
    Flux<String> allRankings() {
        return Flux.concat(scan(RatingKeys.RANKINGS_PATTERN), scan(RatingKeys.FAIR_RANKINGS_PATTERN));
    }

    private Flux<String> scan(String pattern) {
        return redis.scan(ScanOptions.scanOptions().match(pattern).count(1000).build());
    }

    Mono<Boolean> ready() {
        return redis.hasKey(RatingKeys.READY);
    }

    Mono<Totals> global() {
        return redis.<String, String>opsForHash().multiGet(RatingKeys.GLOBAL, List.of("n", "sum", "sat"))
                .map(Aggregates::parseTotals);
    }

    /**
     * Writes the rankings' and the country's changes queued behind ratings now (a re-rank or rebuild then writes over
     * them).
     */
    Mono<Void> writeQueued() {
        return country.flush().then(rankings.flush());
    }

    /** Writes the country's totals (n, sum, sat) as they are in PostgreSQL, leaving m as the last re-rank stored it. */
    Mono<Void> writeCountry(Totals totals) {
        return redis.<String, String>opsForHash().putAll(RatingKeys.GLOBAL, Map.of("n", String.valueOf(totals.n()),
                "sum", String.valueOf(totals.sum()), "sat", String.valueOf(totals.sat()))).then();
    }

    /** The country's mean a re-rank or rebuild just stored: this instance scores the ratings that follow against it. */
    void meanStored(double meanMicro) {
        country.meanStored(meanMicro);
    }

    ReactiveStringRedisTemplate redis() {
        return redis;
    }

    private static Totals parseTotals(List<String> values) {
        return new Totals(parse(values.get(0)), parse(values.get(1)), parse(values.get(2)));
    }

    static long parse(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}

package by.ocenka.rating.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.Placement;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import by.ocenka.platform.LuaScript;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The running aggregates in Redis. Per organisation a hash {@code agg:{id}}: {@code n} questionnaires, {@code sum} of
 * their means in millionths (integers, so sums are exact and equal a recomputation to the last digit), {@code sat}
 * satisfied ones, and per criterion {@code s:CODE} (sum of scores) and {@code c:CODE} (count). {@code agg:global}
 * holds the country's totals; sorted sets {@code rank:country}, {@code rank:sphere:N}, {@code rank:region:N},
 * {@code rank:parent:N} the Bayesian ranking score. One Lua script applies a questionnaire (or takes a hidden one
 * back) to all of them and publishes the live event: O(1), one round trip.
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

    private static final LuaScript APPLY = new LuaScript("""
            -- Deltas come ready-made from Java as integers: Lua would print sign * 0 as "-0", which HINCRBY refuses,
            -- and a script that fails half-way leaves its first writes behind.
            local dn = ARGV[4]
            local n = redis.call('HINCRBY', KEYS[1], 'n', dn)
            local sum = redis.call('HINCRBY', KEYS[1], 'sum', ARGV[2])
            local sat = redis.call('HINCRBY', KEYS[1], 'sat', ARGV[3])
            for i = 12, #ARGV, 2 do
              redis.call('HINCRBY', KEYS[1], 's:' .. ARGV[i], ARGV[i + 1])
              redis.call('HINCRBY', KEYS[1], 'c:' .. ARGV[i], dn)
            end
            redis.call('HINCRBY', KEYS[2], 'n', dn)
            redis.call('HINCRBY', KEYS[2], 'sum', ARGV[2])
            redis.call('HINCRBY', KEYS[2], 'sat', ARGV[3])
            local c = tonumber(ARGV[5])
            -- m, the country's mean, as of the last re-rank: every organisation between two re-ranks is scored
            -- against the same m, so positions stay consistent (the re-rank then applies the fresh m to all).
            local m = tonumber(redis.call('HGET', KEYS[2], 'm') or ARGV[10])
            for k = 4, #KEYS do
              if n > 0 then
                redis.call('ZADD', KEYS[k], (c * m + sum) / (c + n), ARGV[1])
              else
                redis.call('ZREM', KEYS[k], ARGV[1])
              end
            end
            local id = 0
            if ARGV[6] == '1' then
              id = redis.call('INCR', KEYS[3])
              redis.call('PUBLISH', ARGV[9], cjson.encode({id = id, o = tonumber(ARGV[1]), n = n, sum = sum, sat = sat,
                mean = ARGV[8], at = ARGV[7], q = tonumber(ARGV[11])}))
            end
            return {n, sum, sat, id}""", ReturnType.MULTI);

    private final ReactiveStringRedisTemplate redis;
    private final RatingProperties properties;

    Aggregates(ReactiveStringRedisTemplate redis, RatingProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /**
     * Adds ({@code sign} 1) or takes back ({@code sign} -1) one questionnaire; publishes the live event when adding.
     */
    public Mono<Applied> apply(Placement placement, long questionnaireId, long meanMicro, boolean satisfied,
                               Map<String, Integer> scores, int sign, String at) {
        List<String> keys = new ArrayList<>(List.of(RatingKeys.aggregate(placement.id()), RatingKeys.GLOBAL,
                RatingKeys.EVENT_SEQUENCE));
        keys.addAll(RatingKeys.rankings(placement));
        List<String> args = new ArrayList<>(List.of(String.valueOf(placement.id()), String.valueOf(sign * meanMicro),
                String.valueOf(satisfied ? sign : 0), String.valueOf(sign), String.valueOf(properties.bayesWeight()),
                sign > 0 ? "1" : "0", at, java.math.BigDecimal.valueOf(meanMicro, 6).stripTrailingZeros().toPlainString(),
                RatingKeys.CHANNEL, String.valueOf(properties.priorMean().movePointRight(6).longValue()),
                String.valueOf(questionnaireId)));
        scores.forEach((code, score) -> {
            args.add(code);
            args.add(String.valueOf(sign * score));
        });
        return APPLY.<List<Object>>run(redis, keys, args)
                .map(r -> new Applied(((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue(),
                        ((Number) r.get(2)).longValue(), ((Number) r.get(3)).longValue()));
    }

    private static final LuaScript FIGURES = new LuaScript("""
            -- ARGV: the organisations' ids, then the country ranking's key.
            local out = {}
            for i, key in ipairs(KEYS) do
              local v = redis.call('HMGET', key, 'n', 'sum', 'sat')
              local rank = redis.call('ZREVRANK', ARGV[#ARGV], ARGV[i])
              out[#out + 1] = tonumber(v[1] or 0)
              out[#out + 1] = tonumber(v[2] or 0)
              out[#out + 1] = tonumber(v[3] or 0)
              out[#out + 1] = rank and (rank + 1) or 0
            end
            return out""", ReturnType.MULTI);

    /**
     * n, sum, sat and the country rank (0: unranked) of each organisation, in one round trip: a page of twenty
     * summaries would otherwise cost forty commands in two waves.
     */
    public Mono<Map<Long, Ranked>> figures(List<Long> ids) {
        List<String> keys = ids.stream().map(RatingKeys::aggregate).toList();
        List<String> args = new ArrayList<>(ids.stream().map(String::valueOf).toList());
        args.add(RatingKeys.COUNTRY);
        return FIGURES.<List<Object>>run(redis, keys, args).map(values -> {
            Map<Long, Ranked> result = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                long rank = ((Number) values.get(4 * i + 3)).longValue();
                result.put(ids.get(i), new Ranked(new Totals(((Number) values.get(4 * i)).longValue(),
                        ((Number) values.get(4 * i + 1)).longValue(), ((Number) values.get(4 * i + 2)).longValue()),
                        rank == 0 ? null : (int) rank));
            }
            return result;
        });
    }

    /** n, sum and sat of one organisation (zero when it has none). */
    Mono<Totals> totals(long id) {
        return redis.<String, String>opsForHash().multiGet(RatingKeys.aggregate(id), List.of("n", "sum", "sat"))
                .map(Aggregates::totals);
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

    /** 1-based position in a ranking, or empty when not ranked. */
    public Mono<Integer> rank(String ranking, long id) {
        return redis.opsForZSet().reverseRank(ranking, String.valueOf(id)).map(r -> (int) (r + 1));
    }

    public Mono<Long> rankingSize(String ranking) {
        return redis.opsForZSet().size(ranking);
    }

    /** One page of a ranking, best first: organisation ids. */
    public Flux<Long> rankingPage(String ranking, long offset, int size) {
        return redis.opsForZSet().reverseRange(ranking, Range.closed(offset, offset + size - 1)).map(Long::valueOf);
    }

    /** Every ranking key (SCAN, never KEYS). */
    Flux<String> rankings() {
        return redis.scan(ScanOptions.scanOptions().match(RatingKeys.RANKINGS_PATTERN).count(1000).build());
    }

    Mono<Boolean> ready() {
        return redis.hasKey(RatingKeys.READY);
    }

    Mono<Totals> global() {
        return redis.<String, String>opsForHash().multiGet(RatingKeys.GLOBAL, List.of("n", "sum", "sat"))
                .map(Aggregates::totals);
    }

    ReactiveStringRedisTemplate redis() {
        return redis;
    }

    private static Totals totals(List<String> values) {
        return new Totals(parse(values.get(0)), parse(values.get(1)), parse(values.get(2)));
    }

    static long parse(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}

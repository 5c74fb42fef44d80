package by.ocenka.rating;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.CatalogService;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
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
class Aggregates {

    static final long MICRO = 1_000_000L;
    static final String CHANNEL = "ocenka:ratings";
    static final String GLOBAL = "agg:global";
    static final String READY = "agg:ready";

    /** n, sum, sat and the event id of one application. */
    record Applied(long n, long sum, long sat, long eventId) {
    }

    /** An organisation's raw aggregate. */
    record Raw(long n, long sum, long sat, Map<String, long[]> criteria) {
        static final Raw EMPTY = new Raw(0, 0, 0, Map.of());
    }

    private static final LuaScript APPLY = new LuaScript("""
            -- Deltas come ready-made from Java as integers: Lua would print sign * 0 as "-0", which HINCRBY refuses,
            -- and a script that fails half-way leaves its first writes behind.
            local dn = ARGV[4]
            local n = redis.call('HINCRBY', KEYS[1], 'n', dn)
            local sum = redis.call('HINCRBY', KEYS[1], 'sum', ARGV[2])
            local sat = redis.call('HINCRBY', KEYS[1], 'sat', ARGV[3])
            for i = 11, #ARGV, 2 do
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
                mean = ARGV[8], at = ARGV[7]}))
            end
            return {n, sum, sat, id}""", ReturnType.MULTI);

    private final ReactiveStringRedisTemplate redis;
    private final RatingProperties properties;

    Aggregates(ReactiveStringRedisTemplate redis, RatingProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    static String key(long organizationId) {
        return "agg:" + organizationId;
    }

    static List<String> rankings(CatalogService.Placement p) {
        List<String> keys = new ArrayList<>(List.of("rank:country", "rank:sphere:" + p.sphereId(), "rank:region:" + p.regionId()));
        if (p.parentId() != null) {
            keys.add("rank:parent:" + p.parentId());
        }
        return keys;
    }

    /**
     * Adds ({@code sign} 1) or takes back ({@code sign} -1) one questionnaire; publishes the live event when adding.
     */
    Mono<Applied> apply(CatalogService.Placement placement, long meanMicro, boolean satisfied, Map<String, Integer> scores,
                        int sign, String at) {
        List<String> keys = new ArrayList<>(List.of(key(placement.id()), GLOBAL, "events:seq"));
        keys.addAll(rankings(placement));
        List<String> args = new ArrayList<>(List.of(String.valueOf(placement.id()), String.valueOf(sign * meanMicro),
                String.valueOf(satisfied ? sign : 0), String.valueOf(sign), String.valueOf(properties.bayesWeight()),
                sign > 0 ? "1" : "0", at, java.math.BigDecimal.valueOf(meanMicro, 6).stripTrailingZeros().toPlainString(),
                CHANNEL, String.valueOf(properties.priorMean().movePointRight(6).longValue())));
        scores.forEach((code, score) -> {
            args.add(code);
            args.add(String.valueOf(sign * score));
        });
        return APPLY.<List<Object>>run(redis, keys, args)
                .map(r -> new Applied(((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue(),
                        ((Number) r.get(2)).longValue(), ((Number) r.get(3)).longValue()));
    }

    private static final LuaScript FIGURES = new LuaScript("""
            local out = {}
            for i, key in ipairs(KEYS) do
              local v = redis.call('HMGET', key, 'n', 'sum', 'sat')
              local rank = redis.call('ZREVRANK', 'rank:country', ARGV[i])
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
    Mono<Map<Long, long[]>> figures(List<Long> ids) {
        List<String> keys = ids.stream().map(Aggregates::key).toList();
        List<String> args = ids.stream().map(String::valueOf).toList();
        return FIGURES.<List<Object>>run(redis, keys, args).map(values -> {
            Map<Long, long[]> result = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                result.put(ids.get(i), new long[]{((Number) values.get(4 * i)).longValue(),
                        ((Number) values.get(4 * i + 1)).longValue(), ((Number) values.get(4 * i + 2)).longValue(),
                        ((Number) values.get(4 * i + 3)).longValue()});
            }
            return result;
        });
    }

    /** n, sum and sat of each organisation (missing ones as zero). */
    Mono<Map<Long, long[]>> totals(Collection<Long> ids) {
        return Flux.fromIterable(ids)
                .flatMapSequential(id -> redis.<String, String>opsForHash().multiGet(key(id), List.of("n", "sum", "sat"))
                        .map(values -> Map.entry(id, new long[]{parse(values.get(0)), parse(values.get(1)), parse(values.get(2))})))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    Mono<Raw> raw(long id) {
        return redis.<String, String>opsForHash().entries(key(id)).collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(fields -> {
                    Map<String, long[]> criteria = new HashMap<>();
                    fields.forEach((field, value) -> {
                        if (field.startsWith("s:")) {
                            criteria.computeIfAbsent(field.substring(2), c -> new long[2])[0] = Long.parseLong(value);
                        } else if (field.startsWith("c:")) {
                            criteria.computeIfAbsent(field.substring(2), c -> new long[2])[1] = Long.parseLong(value);
                        }
                    });
                    return new Raw(parse(fields.get("n")), parse(fields.get("sum")), parse(fields.get("sat")), criteria);
                });
    }

    /** 1-based position in a ranking, or null when not ranked. */
    Mono<Integer> rank(String ranking, long id) {
        return redis.opsForZSet().reverseRank(ranking, String.valueOf(id)).map(r -> (int) (r + 1));
    }

    Mono<Long> rankingSize(String ranking) {
        return redis.opsForZSet().size(ranking);
    }

    /** One page of a ranking, best first: organisation ids. */
    Flux<Long> rankingPage(String ranking, long offset, int size) {
        return redis.opsForZSet().reverseRange(ranking, Range.closed(offset, offset + size - 1)).map(Long::valueOf);
    }

    Mono<Boolean> ready() {
        return redis.hasKey(READY);
    }

    Mono<long[]> global() {
        return redis.<String, String>opsForHash().multiGet(GLOBAL, List.of("n", "sum", "sat"))
                .map(v -> new long[]{parse(v.get(0)), parse(v.get(1)), parse(v.get(2))});
    }

    ReactiveStringRedisTemplate redis() {
        return redis;
    }

    static long parse(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}

package by.ocenka.rating.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import by.ocenka.account.CurrentUser;
import by.ocenka.platform.EventLoops;
import by.ocenka.platform.LuaScript;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Lets a questionnaire in: takes the citizen's daily limit for the organisation and, when it was free, counts the
 * questionnaire in the organisation's bursts ({@link FairPlay}), in one script and one round trip (the limit and the
 * counters share the organisation's hash tag, so a cluster keeps them on one node). Staff of the organisation are
 * known from the session and held without counting.
 */
@Component
public class Admission {

    /** Whether the day's limit was free (and is now taken), and the reason to hold the questionnaire (null: publish). */
    public record Admitted(boolean taken, String holdReason) {
    }

    /** KEYS[1] the day's limit, KEYS[2..4] the counters; ARGV[1] the limit's life in ms, ARGV[2] count or not, then the counting's. */
    private static final LuaScript ADMIT = new LuaScript("""
            if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return {0} end
            if ARGV[2] ~= '1' then return {1, 0, 0, 0} end
            """ + FairPlay.countingLua(2, 3) + """
            return {1, network, new, pattern}""", ReturnType.MULTI);

    private final ReactiveStringRedisTemplate redis;
    private final DailyLimit limit;
    private final FairPlay fairPlay;

    Admission(ReactiveStringRedisTemplate redis, DailyLimit limit, FairPlay fairPlay) {
        this.redis = redis;
        this.limit = limit;
        this.fairPlay = fairPlay;
    }

    public Mono<Admitted> admit(CurrentUser user, long organizationId, LocalDate day, String clientAddress,
                                Collection<Integer> scores) {
        Mono<Boolean> staff = fairPlay.enabled() ? fairPlay.staff(user, organizationId) : Mono.just(false);
        return staff.flatMap(isStaff -> {
            boolean count = fairPlay.enabled() && !isStaff;
            FairPlay.Counting counting = fairPlay.counting(user, organizationId, clientAddress, scores);
            List<String> keys = new ArrayList<>(4);
            keys.add(RatingKeys.dailyLimit(user.id(), organizationId, day));
            keys.addAll(counting.keys());
            List<String> args = new ArrayList<>(6);
            args.add(String.valueOf(limit.lifetime(day).toMillis()));
            args.add(count ? "1" : "0");
            args.addAll(counting.args());
            return EventLoops.back(ADMIT.<List<Object>>run(redis, keys, args)).map(answer -> {
                if (((Number) answer.get(0)).longValue() == 0) {
                    return new Admitted(false, null);
                }
                return new Admitted(true, isStaff ? "staff" : count ? fairPlay.reason(answer, 1) : null);
            });
        });
    }
}

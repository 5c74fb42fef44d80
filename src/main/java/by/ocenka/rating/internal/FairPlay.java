package by.ocenka.rating.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import by.ocenka.account.CurrentUser;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.Digests;
import by.ocenka.platform.EventLoops;
import by.ocenka.platform.LuaScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides whether a questionnaire whose daily limit was just taken is held for the moderators, and why: the rater is
 * on the organisation's own staff, or it comes in a burst — too many ratings of the organisation within the window from
 * one network, from new accounts, or all-ones/all-fives from new accounts. One Redis round trip counts all three (the
 * keys are hash-tagged by organisation, so a cluster keeps them on one node); staff are known from the session.
 */
@Component
public class FairPlay {

    /** Why questionnaires are held, in the order they are judged. */
    public static final List<String> REASONS = List.of("staff", "network", "new-accounts", "pattern");

    private static final Logger log = LoggerFactory.getLogger(FairPlay.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+(%[0-9A-Za-z._-]+)?");

    /** Counts a questionnaire in its organisation's bursts (the {@link #countingLua} part on its own). */
    private static final LuaScript COUNT = new LuaScript(countingLua(1, 1) + """
            return {network, new, pattern}""", ReturnType.MULTI);

    /**
     * Lua that bumps the counters of {@link Counting}: its keys are KEYS[k], KEYS[k + 1], KEYS[k + 2] and its arguments
     * ARGV[a] to ARGV[a + 3]; leaves the counts in the locals {@code network}, {@code new} and {@code pattern}.
     */
    static String countingLua(int k, int a) {
        return """
                local function bump(key)
                  local n = redis.call('INCR', key)
                  if n == 1 then redis.call('EXPIRE', key, ARGV[%2$d]) end
                  return n
                end
                local network, new, pattern = 0, 0, 0
                if ARGV[%5$d] == '1' then network = bump(KEYS[%1$d]) end
                if ARGV[%3$d] == '1' then
                  new = bump(KEYS[%6$d])
                  if ARGV[%4$d] == '1' then pattern = bump(KEYS[%7$d]) end
                end
                """.formatted(k, a, a + 1, a + 2, a + 3, k + 1, k + 2);
    }

    /**
     * A questionnaire's counters (on its organisation's slot) and the arguments that say which to bump: the window in
     * seconds, whether the account is new, whether the answers are all ones or all fives, whether the network is known.
     */
    record Counting(List<String> keys, List<String> args) {
    }

    private final ReactiveStringRedisTemplate redis;
    private final Organizations organizations;
    private final FairPlayProperties properties;
    private final Clock clock;

    FairPlay(ReactiveStringRedisTemplate redis, Organizations organizations, FairPlayProperties properties, Clock clock) {
        this.redis = redis;
        this.organizations = organizations;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The reason to hold this questionnaire, or empty to publish it. When Redis cannot count, the questionnaire is
     * published (the daily limit already stands): fair play never costs a citizen their rating.
     */
    public Mono<String> holdReason(CurrentUser user, long organizationId, String clientAddress, Collection<Integer> scores) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        return staff(user, organizationId).flatMap(isStaff -> isStaff ? Mono.just("staff") : burst(user, organizationId, clientAddress, scores));
    }

    private Mono<String> burst(CurrentUser user, long organizationId, String clientAddress, Collection<Integer> scores) {
        Counting counting = counting(user, organizationId, clientAddress, scores);
        return EventLoops.back(COUNT.<List<Object>>run(redis, counting.keys(), counting.args()))
                .flatMap(counts -> Mono.justOrEmpty(reason(counts, 0)))
                .onErrorResume(e -> {
                    log.warn("Fair-play counts unavailable, questionnaire published: {}", e.toString());
                    return Mono.empty();
                });
    }

    boolean enabled() {
        return properties.enabled();
    }

    /** Whether the rater is on the staff of the organisation or of a body above it. */
    Mono<Boolean> staff(CurrentUser user, long organizationId) {
        return user.staffOf().isEmpty() ? Mono.just(false)
                : organizations.ancestors(organizationId).map(line -> line.stream().anyMatch(user.staffOf()::contains));
    }

    Counting counting(CurrentUser user, long organizationId, String clientAddress, Collection<Integer> scores) {
        String network = network(clientAddress);
        boolean young = user.youngerThan(properties.newAccountAge(), clock.instant());
        boolean extreme = !scores.isEmpty() && scores.stream().distinct().count() == 1
                && (scores.contains(1) || scores.contains(5));
        String tag = "fair:{" + organizationId + "}:";
        return new Counting(List.of(tag + "net:" + (network == null ? "-" : network), tag + "new", tag + "pattern"),
                List.of(String.valueOf(Math.max(1, properties.window().toSeconds())), young ? "1" : "0",
                        extreme ? "1" : "0", network == null ? "0" : "1"));
    }

    /** The burst a questionnaire is in, from the three counts at {@code from} of a script's answer; null for none. */
    String reason(List<Object> counts, int from) {
        if (count(counts, from) > properties.network()) {
            return "network";
        }
        if (count(counts, from + 1) > properties.newAccounts()) {
            return "new-accounts";
        }
        return count(counts, from + 2) > properties.pattern() ? "pattern" : null;
    }

    private static long count(List<Object> counts, int index) {
        return ((Number) counts.get(index)).longValue();
    }

    /**
     * The client's network as a short digest: the /24 of an IPv4 address, the /48 of an IPv6 one (a household or an
     * office usually has one of either); null when the address is unknown. Only the digest reaches Redis. Loopback,
     * private and link-local addresses are no network at all: they are a proxy whose forwarded addresses were not
     * believed (docs/SECURITY.md, trusted proxies), a load test or a LAN, and counting them would hold everything.
     */
    static String network(String clientAddress) {
        if (clientAddress == null || clientAddress.isBlank() || "unknown".equals(clientAddress)) {
            return null;
        }
        // A forwarded IPv6 address comes in brackets ("[2001:db8::1]").
        String literal = clientAddress.startsWith("[") && clientAddress.endsWith("]")
                ? clientAddress.substring(1, clientAddress.length() - 1) : clientAddress;
        // Only literals reach getByName, which then parses and never looks up (a dotted quad, or anything with a colon:
        // IPv6); a name would be a DNS lookup on the event loop.
        if (!IPV4.matcher(literal).matches() && !(literal.contains(":") && IPV6.matcher(literal).matches())) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            byte[] bytes = address.getAddress();
            if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress() || (bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc)) {
                return null;
            }
            byte[] prefix = Arrays.copyOf(bytes, bytes.length == 4 ? 3 : 6);
            return Digests.sha256Hex(HexFormat.of().formatHex(prefix)).substring(0, 16);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

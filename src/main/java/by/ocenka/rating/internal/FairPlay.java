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

    private static final LuaScript COUNT = new LuaScript("""
            -- KEYS: the network's, the new accounts' and the pattern's counter of one organisation.
            -- ARGV: the window in seconds, whether the account is new, whether the questionnaire is all ones or fives,
            -- whether the network is known.
            local function bump(key)
              local n = redis.call('INCR', key)
              if n == 1 then redis.call('EXPIRE', key, ARGV[1]) end
              return n
            end
            local network, new, pattern = 0, 0, 0
            if ARGV[4] == '1' then network = bump(KEYS[1]) end
            if ARGV[2] == '1' then
              new = bump(KEYS[2])
              if ARGV[3] == '1' then pattern = bump(KEYS[3]) end
            end
            return {network, new, pattern}""", ReturnType.MULTI);

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
        Mono<Boolean> staff = user.staffOf().isEmpty() ? Mono.just(false)
                : organizations.ancestors(organizationId).map(line -> line.stream().anyMatch(user.staffOf()::contains));
        return staff.flatMap(isStaff -> isStaff ? Mono.just("staff") : burst(user, organizationId, clientAddress, scores));
    }

    private Mono<String> burst(CurrentUser user, long organizationId, String clientAddress, Collection<Integer> scores) {
        String network = network(clientAddress);
        boolean young = user.youngerThan(properties.newAccountAge(), clock.instant());
        boolean extreme = !scores.isEmpty() && scores.stream().distinct().count() == 1
                && (scores.contains(1) || scores.contains(5));
        String tag = "fair:{" + organizationId + "}:";
        List<String> keys = List.of(tag + "net:" + (network == null ? "-" : network), tag + "new", tag + "pattern");
        List<String> args = List.of(String.valueOf(Math.max(1, properties.window().toSeconds())), young ? "1" : "0",
                extreme ? "1" : "0", network == null ? "0" : "1");
        return EventLoops.back(COUNT.<List<Object>>run(redis, keys, args))
                .flatMap(counts -> {
                    if (count(counts, 0) > properties.network()) {
                        return Mono.just("network");
                    }
                    if (count(counts, 1) > properties.newAccounts()) {
                        return Mono.just("new-accounts");
                    }
                    return count(counts, 2) > properties.pattern() ? Mono.just("pattern") : Mono.<String>empty();
                })
                .onErrorResume(e -> {
                    log.warn("Fair-play counts unavailable, questionnaire published: {}", e.toString());
                    return Mono.empty();
                });
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

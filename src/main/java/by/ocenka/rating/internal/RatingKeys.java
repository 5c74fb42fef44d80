package by.ocenka.rating.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.catalog.Placement;

/**
 * The rating feature's Redis key layout, in one place (the tests read the same keys through it).
 * <ul>
 *   <li>{@code agg:{id}}: an organisation's aggregate hash ({@code n}, {@code sum} of means in millionths,
 *   {@code sat}, per criterion {@code s:CODE} and {@code c:CODE});</li>
 *   <li>{@code agg:global}: the country's totals and {@code m}, the mean the rankings are scored against;</li>
 *   <li>{@code agg:ready:tagged}: set when the aggregates have been built from PostgreSQL;</li>
 *   <li>{@code rank:country}, {@code rank:sphere:N}, {@code rank:region:N}, {@code rank:parent:N},
 *   {@code rank:sr:S:R} (sphere S within region R) and {@code rank:district:N}: the official rankings, sorted sets of
 *   organisation ids by {@link Figures#officialRankScore} (the score; those with too few questionnaires below every
 *   ranked one);</li>
 *   <li>{@code fairrank:country}, {@code fairrank:sphere:N}, …: the same organisations by {@link Figures#rankScore}, the order
 *   that allows for the number of ratings;</li>
 *   <li>{@code limit:{org}:user:yyyymmdd}: a citizen's rating of an organisation on a Minsk day;</li>
 *   <li>{@code events:{org}}: the id sequence of an organisation's live events; {@code ocenka:ratings}: their pub/sub
 *   channel.</li>
 * </ul>
 */
public final class RatingKeys {

    public static final String GLOBAL = "agg:global";
    /**
     * Set when the aggregates have been built. Named after the key layout: a version whose aggregate keys are named
     * otherwise finds no such key, and rebuilds (which deletes every {@code agg:*} key first).
     */
    public static final String READY = "agg:ready:official";
    public static final String COUNTRY = "rank:country";
    public static final String CHANNEL = "ocenka:ratings";
    /** The scope name of a sphere's ranking within one region (in {@code rank_snapshot.scope} too). */
    public static final String SPHERE_REGION = "sphere-region";
    private static final long SPHERE_REGION_FACTOR = 1000;
    /** SCAN patterns of every aggregate and every ranking key (what a rebuild deletes): official and fair. */
    static final String AGGREGATES_PATTERN = "agg:*";
    static final String RANKINGS_PATTERN = "rank:*";
    static final String FAIR_RANKINGS_PATTERN = "fairrank:*";
    /** SCAN pattern of every daily-limit key. */
    public static final String DAILY_LIMITS_PATTERN = "limit:*";

    private RatingKeys() {
    }

    /** Hash-tagged by organisation, like its daily limits and fair-play counters: one cluster slot per organisation. */
    public static String aggregate(long organizationId) {
        return "agg:{" + organizationId + "}";
    }

    /** The sequence an organisation's live events are numbered by (its stream's ids increase). */
    public static String events(long organizationId) {
        return "events:{" + organizationId + "}";
    }

    /**
     * The official ranking of a scope: {@code country} (id ignored), {@code sphere}, {@code region}, {@code parent},
     * {@code district}, or {@code sphere-region} with the id {@link #sphereRegionId} gives.
     */
    public static String ranking(String scope, long scopeId) {
        return key("rank:", scope, scopeId);
    }

    /** The same scope's ranking in the order that allows for the number of ratings. */
    public static String fairRanking(String scope, long scopeId) {
        return key("fairrank:", scope, scopeId);
    }

    /**
     * One number for a sphere within a region, as {@code rank_snapshot.scope_id} keeps it: sphere × 1000 + region
     * (sphere 1 in region 5 is 1005).
     */
    public static long sphereRegionId(long sphereId, long regionId) {
        return sphereId * SPHERE_REGION_FACTOR + regionId;
    }

    private static String key(String family, String scope, long scopeId) {
        String name = scope.toLowerCase(Locale.ROOT);
        if (name.equals(SPHERE_REGION)) {
            return family + "sr:" + scopeId / SPHERE_REGION_FACTOR + ":" + scopeId % SPHERE_REGION_FACTOR;
        }
        return name.equals("country") ? family + name : family + name + ":" + scopeId;
    }

    /** The official rankings an organisation takes part in. */
    public static List<String> rankings(Placement p) {
        return new ArrayList<>(scopedRankings(p).values());
    }

    /**
     * The official rankings an organisation takes part in by scope name: the country's, its sphere's, its region's,
     * its sphere's within its region, its district's (when known) and its parent's (when it has one).
     */
    public static Map<String, String> scopedRankings(Placement p) {
        return family("rank:", p);
    }

    /** The same scopes' rankings in the order that allows for the number of ratings. */
    static List<String> fairRankings(Placement p) {
        return new ArrayList<>(family("fairrank:", p).values());
    }

    private static Map<String, String> family(String family, Placement p) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("country", key(family, "country", 0));
        keys.put("sphere", key(family, "sphere", p.sphereId()));
        keys.put("region", key(family, "region", p.regionId()));
        keys.put(SPHERE_REGION, key(family, SPHERE_REGION, sphereRegionId(p.sphereId(), p.regionId())));
        if (p.districtId() != null) {
            keys.put("district", key(family, "district", p.districtId()));
        }
        if (p.parentId() != null) {
            keys.put("parent", key(family, "parent", p.parentId()));
        }
        return keys;
    }

    /**
     * The scope and scope id a ranking key names, as {@code rank_snapshot} keeps them ({@code rank:sphere:3} → sphere,
     * 3; {@code rank:sr:3:5} → sphere-region, 3005; the country's id is 0).
     */
    static RankingScope scopeOf(String rankingKey) {
        String[] parts = rankingKey.split(":");
        if (parts[1].equals("sr")) {
            return new RankingScope(SPHERE_REGION, sphereRegionId(Long.parseLong(parts[2]), Long.parseLong(parts[3])));
        }
        return new RankingScope(parts[1], parts.length > 2 ? Long.parseLong(parts[2]) : 0);
    }

    record RankingScope(String scope, long scopeId) {
    }

    /** Hash-tagged by organisation, so that a cluster keeps an organisation's keys on one node. */
    public static String dailyLimit(long userId, long organizationId, LocalDate day) {
        return "limit:{" + organizationId + "}:" + userId + ":" + day.toString().replace("-", "");
    }
}

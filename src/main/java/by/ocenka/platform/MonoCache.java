package by.ocenka.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * Keeps the answer of a loader per key for a while, shared by every caller: concurrent callers of a missing key
 * wait for one load, a failed load is not kept (the next caller tries again), and past {@code maxEntries} the whole
 * cache starts afresh rather than keeping an eviction order.
 */
public final class MonoCache<K, V> {

    private record Entry<V>(Mono<V> value, long expiresAt) {
    }

    private final long ttlMillis;
    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public MonoCache(Duration ttl, int maxEntries) {
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
    }

    public Mono<V> get(K key, Function<K, Mono<V>> loader) {
        long now = System.currentTimeMillis();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.expiresAt() > now) {
            return entry.value();
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        Duration ttl = Duration.ofMillis(ttlMillis);
        Mono<V> loaded = Mono.defer(() -> loader.apply(key)).cache(value -> ttl, error -> Duration.ZERO, () -> Duration.ZERO);
        entries.put(key, new Entry<>(loaded, now + ttlMillis));
        return loaded;
    }

    public void clear() {
        entries.clear();
    }
}

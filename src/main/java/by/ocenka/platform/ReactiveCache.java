package by.ocenka.platform;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import reactor.core.publisher.Mono;

/**
 * A Caffeine cache with reactive loaders: concurrent readers of a missing key wait for one load, a failed load is not
 * kept, and an entry older than its refresh interval is reloaded in the background while readers keep getting the
 * previous value (no reader waits for a reload after a quiet spell). Made by {@link ReactiveCaches}.
 */
public final class ReactiveCache<K, V> {

    private final AsyncLoadingCache<K, V> cache;
    private final Function<Collection<? extends K>, Mono<Map<K, V>>> bulkLoader;

    ReactiveCache(AsyncLoadingCache<K, V> cache, Function<Collection<? extends K>, Mono<Map<K, V>>> bulkLoader) {
        this.cache = cache;
        this.bulkLoader = bulkLoader;
    }

    /** The value (loaded when missing); empty when the loader finds none. A cancelled reader cancels no load. */
    public Mono<V> get(K key) {
        return Mono.fromFuture(cache.get(key), true);
    }

    /** The values of these keys, the missing ones loaded together when the cache has a bulk loader. */
    public Mono<Map<K, V>> getAll(Collection<K> keys) {
        return Mono.fromFuture(bulkLoader == null ? cache.getAll(keys)
                : cache.getAll(keys, (missing, executor) -> bulkLoader.apply(missing).toFuture()), true);
    }

    /** The value if present, without loading. */
    public V getIfPresent(K key) {
        var value = cache.getIfPresent(key);
        return value != null && value.isDone() && !value.isCompletedExceptionally() ? value.getNow(null) : null;
    }

    /** Reloads the entry in the background if it is present; readers keep the previous value meanwhile. */
    public void refresh(K key) {
        if (cache.getIfPresent(key) != null) {
            cache.synchronous().refresh(key);
        }
    }

    /** Forgets the entry: the next reader loads it (after a change this instance made itself). */
    public void invalidate(K key) {
        cache.synchronous().invalidate(key);
    }

    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    /** The keys present, for refreshing every entry that depends on something that changed. */
    public Iterable<K> keys() {
        return cache.asMap().keySet();
    }
}

package by.ocenka.platform;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Makes the portal's local caches ({@link ReactiveCache}) and keeps them: each reports its hits, misses and loads
 * as {@code cache.*} metrics named after it, and {@link #clear()} empties them all (the tests start from nothing).
 */
@Component
public class ReactiveCaches implements LocalCache {

    /**
     * How a cache keeps its entries.
     *
     * @param refreshAfter      an entry older than this is reloaded in the background on its next read
     * @param expireAfterAccess an entry nobody read for this long is dropped
     * @param maximumSize       at most this many entries (the least used go first)
     */
    public record Spec(Duration refreshAfter, Duration expireAfterAccess, long maximumSize) {
    }

    private final MeterRegistry meters;
    private final List<ReactiveCache<?, ?>> caches = new CopyOnWriteArrayList<>();

    ReactiveCaches(MeterRegistry meters) {
        this.meters = meters;
    }

    public <K, V> ReactiveCache<K, V> create(String name, Spec spec, Function<K, Mono<V>> loader) {
        return create(name, spec, loader, null);
    }

    /** A cache whose missing keys of a {@link ReactiveCache#getAll} are loaded together by {@code bulkLoader}. */
    public <K, V> ReactiveCache<K, V> create(String name, Spec spec, Function<K, Mono<V>> loader,
                                             Function<Collection<? extends K>, Mono<Map<K, V>>> bulkLoader) {
        AsyncCacheLoader<K, V> asyncLoader = (key, executor) -> loader.apply(key).toFuture();
        var cache = Caffeine.newBuilder()
                .refreshAfterWrite(spec.refreshAfter())
                .expireAfterAccess(spec.expireAfterAccess())
                .maximumSize(spec.maximumSize())
                .recordStats()
                .buildAsync(asyncLoader);
        CaffeineCacheMetrics.monitor(meters, cache, name);
        ReactiveCache<K, V> reactive = new ReactiveCache<>(cache, bulkLoader);
        caches.add(reactive);
        return reactive;
    }

    @Override
    public void clear() {
        caches.forEach(ReactiveCache::invalidateAll);
    }
}

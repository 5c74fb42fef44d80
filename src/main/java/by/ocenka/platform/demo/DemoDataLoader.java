package by.ocenka.platform.demo;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import by.ocenka.platform.DemoDataLoaded;
import by.ocenka.platform.DemoDataLoading;
import by.ocenka.platform.DemoDataSet;
import by.ocenka.platform.DemoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads the demo data sets once the application is up, without holding the start-up thread, and reports it as
 * the {@code demoData} health component (part of readiness): OUT_OF_SERVICE while loading, DOWN if loading
 * failed, UP when done or not wanted.
 */
@Component("demoData")
public class DemoDataLoader implements ReactiveHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final List<DemoDataSet> sets;
    private final DemoProperties properties;
    private final AtomicReference<Health> state = new AtomicReference<>(Health.up().withDetail("demo", "not loaded").build());

    private final ApplicationEventPublisher events;

    DemoDataLoader(List<DemoDataSet> sets, DemoProperties properties,
                   ApplicationEventPublisher events,
                   @Value("${ocenka.run-mode:external}") String runMode) {
        boolean local = "local".equals(runMode);
        sets.stream().filter(set -> set.localOnly() && !local).forEach(set -> log.info(
                "Demo data '{}' is for the local run mode only: never loaded here", set.name()));
        this.sets = sets.stream().filter(set -> local || !set.localOnly())
                .sorted(Comparator.comparingInt(DemoDataSet::order)).toList();
        this.properties = properties;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadOnStart() {
        if (properties.load() == DemoProperties.Load.AUTO) {
            loadAll().subscribe(null, e -> { });
        }
    }

    /** Loads every set that is not loaded yet, in order. */
    public Mono<Void> loadAll() {
        long started = System.nanoTime();
        AtomicBoolean loadedAny = new AtomicBoolean();
        return Mono.fromRunnable(() -> state.set(Health.outOfService().withDetail("demo", "loading").build()))
                .thenMany(Flux.fromIterable(sets).concatMap(set -> set.isLoaded().flatMap(loaded -> {
                    if (loaded) {
                        log.info("Demo data '{}' already loaded", set.name());
                        return Mono.empty();
                    }
                    long t = System.nanoTime();
                    if (!loadedAny.getAndSet(true)) {
                        events.publishEvent(new DemoDataLoading());
                    }
                    return set.load().doOnSuccess(v -> log.info("Demo data '{}' loaded in {} ms", set.name(),
                            Duration.ofNanos(System.nanoTime() - t).toMillis()));
                })))
                .then()
                .doOnSuccess(v -> {
                    state.set(Health.up().withDetail("demo", "loaded").build());
                    log.info("Demo data ready in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
                    if (loadedAny.get()) {
                        events.publishEvent(new DemoDataLoaded());
                    }
                })
                .doOnError(e -> {
                    state.set(Health.down().withDetail("demo", "loading failed").build());
                    if (loadedAny.get()) {
                        events.publishEvent(new DemoDataLoaded()); // what was loaded is there: nothing waits any longer
                    }
                    log.error("Demo data could not be loaded", e);
                });
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(state::get);
    }
}

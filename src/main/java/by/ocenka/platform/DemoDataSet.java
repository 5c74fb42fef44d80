package by.ocenka.platform;

import reactor.core.publisher.Mono;

/**
 * One feature's share of the demo data. The {@link DemoDataLoader} runs every set in {@link #order()}: the
 * catalogue's organisations first, then what later features build on them (questionnaires, replies...).
 */
public interface DemoDataSet {

    /** A short name for logs. */
    String name();

    /** Lower runs first. */
    int order();

    /** Whether this set's data is already in the database (a restart must not load it twice). */
    Mono<Boolean> isLoaded();

    /** Loads the data; completes when it is committed. */
    Mono<Void> load();

    /**
     * Whether the set is for the local run mode only (accounts whose passwords the README publishes): never loaded in
     * the external mode, with or without the {@code prod} profile, whatever {@code ocenka.demo.load} says.
     */
    default boolean localOnly() {
        return false;
    }
}

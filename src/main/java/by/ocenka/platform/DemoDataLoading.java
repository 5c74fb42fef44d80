package by.ocenka.platform;

/**
 * Published when the demo data sets start loading into an empty database (local mode, first start); background work
 * that would compete with the load for the same rows may wait for {@link DemoDataLoaded}.
 */
public record DemoDataLoading() {
}

package by.ocenka.platform;

/** Published when the demo data sets have been loaded into an empty database (local mode, first start). */
public record DemoDataLoaded() {
}

package by.ocenka.platform.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo data set.
 *
 * @param load {@code auto}: load at start-up when not loaded yet (the local run mode's default);
 *             {@code never}: do not load (production, tests)
 */
@ConfigurationProperties("ocenka.demo")
public record DemoProperties(Load load) {

    public DemoProperties {
        load = load != null ? load : Load.NEVER;
    }

    public enum Load { AUTO, NEVER }
}

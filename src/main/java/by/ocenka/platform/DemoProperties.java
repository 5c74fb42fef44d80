package by.ocenka.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo data set.
 *
 * @param load           {@code auto}: load at start-up when not loaded yet (the local run mode's default);
 *                       {@code never}: do not load (production, tests)
 * @param questionnaires how many questionnaires of history the demo set has (520,000; a load suite's quick smoke
 *                       run asks for fewer)
 * @param citizens       how many citizens wrote them (100,000)
 */
@ConfigurationProperties("ocenka.demo")
public record DemoProperties(Load load, Integer questionnaires, Integer citizens) {

    public DemoProperties {
        load = load != null ? load : Load.NEVER;
        questionnaires = questionnaires != null ? Math.max(2_000, questionnaires / 2_000 * 2_000) : 520_000;
        citizens = citizens != null ? Math.max(1, citizens) : 100_000;
    }

    public enum Load { AUTO, NEVER }
}

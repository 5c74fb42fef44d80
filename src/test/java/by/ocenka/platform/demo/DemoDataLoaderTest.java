package by.ocenka.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import by.ocenka.platform.DemoDataSet;
import by.ocenka.platform.DemoProperties;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Demo staff, whose passwords the README publishes, load in the local run mode only, whatever the settings ask. */
class DemoDataLoaderTest {

    private final List<String> loaded = new CopyOnWriteArrayList<>();

    private DemoDataSet set(String name, boolean localOnly) {
        return new DemoDataSet() {
            public String name() {
                return name;
            }

            public int order() {
                return name.length();
            }

            public Mono<Boolean> isLoaded() {
                return Mono.just(false);
            }

            public Mono<Void> load() {
                return Mono.fromRunnable(() -> loaded.add(name));
            }

            public boolean localOnly() {
                return localOnly;
            }
        };
    }

    private DemoDataLoader loader(String runMode) {
        return new DemoDataLoader(List.of(set("catalogue", false), set("demo staff", true)),
                new DemoProperties(DemoProperties.Load.AUTO, null, null), event -> { }, runMode);
    }

    @Test
    void theExternalModeNeverLoadsDemoStaff() {
        loader("external").loadAll().block(Duration.ofSeconds(5));
        assertThat(loaded).containsExactly("catalogue");
    }

    @Test
    void theLocalModeLoadsEverything() {
        loader("local").loadAll().block(Duration.ofSeconds(5));
        assertThat(loaded).containsExactly("catalogue", "demo staff");
    }
}

package by.ocenka.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The write limit's and the login throttle's counters on the suite's Redis: one key a call (a cluster may keep them on
 * different nodes), yet a request counts in all of its windows or in none.
 */
class FixedWindowsTest extends IntegrationTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Autowired
    FixedWindows windows;

    @Autowired
    ReactiveStringRedisTemplate template;

    @Test
    void aRequestRefusedByOneWindowCountsInNone() {
        List<FixedWindows.Window> both = List.of(new FixedWindows.Window("test:tight", 1, MINUTE),
                new FixedWindows.Window("test:wide", 5, MINUTE));
        assertThat(windows.take(both).block()).isZero();
        Duration wait = windows.take(both).block();
        assertThat(wait).isPositive().isLessThanOrEqualTo(MINUTE);
        // The refused request gave back what it had taken from the wide window.
        assertThat(template.opsForValue().get("test:tight").block()).isEqualTo("1");
        assertThat(template.opsForValue().get("test:wide").block()).isEqualTo("1");
        assertThat(template.getExpire("test:wide").block()).isPositive();
    }

    @Test
    void aCounterThatFailsGivesBackTheOthersAndTheErrorGoesOn() {
        // A key of the wrong type makes its script fail, as an unreachable node would.
        template.opsForHash().put("test:broken", "field", "value").block();
        List<FixedWindows.Window> both = List.of(new FixedWindows.Window("test:fine", 5, MINUTE),
                new FixedWindows.Window("test:broken", 5, MINUTE));
        assertThatThrownBy(() -> windows.take(both).block()).hasStackTraceContaining("WRONGTYPE");
        assertThat(template.opsForValue().get("test:fine").block()).isEqualTo("0");
    }

    @Test
    void givingBackNeverGoesBelowZero() {
        windows.giveBack("test:never-taken").block();
        assertThat(template.hasKey("test:never-taken").block()).isFalse();
        assertThat(windows.take(List.of(new FixedWindows.Window("test:once", 1, MINUTE))).block()).isZero();
        windows.giveBack("test:once").block();
        windows.giveBack("test:once").block();
        assertThat(template.opsForValue().get("test:once").block()).isEqualTo("0");
    }
}

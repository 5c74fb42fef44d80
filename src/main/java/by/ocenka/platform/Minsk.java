package by.ocenka.platform;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The portal's calendar: Belarus keeps one offset all year, and days, daily limits, rank snapshots and statistics
 * follow the Minsk day whatever zone a server runs in.
 */
public final class Minsk {

    public static final ZoneId ZONE = ZoneId.of("Europe/Minsk");

    private Minsk() {
    }

    /** Today in Minsk by this clock. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** The start of the next Minsk day by this clock. */
    public static OffsetDateTime nextMidnight(Clock clock) {
        return today(clock).plusDays(1).atStartOfDay(ZONE).toOffsetDateTime();
    }
}

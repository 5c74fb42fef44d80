package by.ocenka.platform;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock every feature asks for the time, so that tests can move it (across a Minsk midnight, say). */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** Belarus keeps one offset all year; days, limits and rank snapshots follow its calendar. */
    public static final ZoneId MINSK = ZoneId.of("Europe/Minsk");

    @Bean
    Clock clock() {
        return Clock.system(MINSK);
    }
}

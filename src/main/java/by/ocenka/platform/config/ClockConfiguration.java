package by.ocenka.platform.config;

import java.time.Clock;

import by.ocenka.platform.Minsk;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock every feature asks for the time, so that tests can move it (across a Minsk midnight, say). */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.system(Minsk.ZONE);
    }
}

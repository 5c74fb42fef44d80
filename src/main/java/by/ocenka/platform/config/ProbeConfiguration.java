package by.ocenka.platform.config;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The liveness and readiness states as reactive health indicators. Boot's own are blocking indicators, which it runs
 * on a worker thread for every probe: a thread hop that cost a fifth of a probe's CPU (docs/PERFORMANCE.md). These
 * read the same {@link ApplicationAvailability} on the calling thread; the bean names replace Boot's.
 */
@Configuration(proxyBeanMethods = false)
class ProbeConfiguration {

    @Bean("livenessStateHealthIndicator")
    ReactiveHealthIndicator livenessState(ApplicationAvailability availability) {
        return () -> Mono.fromSupplier(() -> availability.getLivenessState() == LivenessState.CORRECT
                ? Health.up().build() : Health.down().build());
    }

    @Bean("readinessStateHealthIndicator")
    ReactiveHealthIndicator readinessState(ApplicationAvailability availability) {
        return () -> Mono.fromSupplier(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
                ? Health.up().build() : Health.outOfService().build());
    }
}

package by.ocenka.platform.config;

import java.time.Duration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Latency histograms for the percentiles operators read (src/ops: the submission p99 alert, the dashboard's p50/p99
 * per route): eleven fixed buckets from 5 ms to 10 s on every route. Micrometer's own histogram publishes about seventy
 * buckets per route and status (a scrape ten times the size); and buckets on some routes only are not an option — the
 * other routes' timers would be Prometheus summaries under the same name, which the exposition cannot write (the
 * scrape fails with a ClassCastException, seen in OperationsTest).
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    private static final double[] BUCKETS = {ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000),
            ms(2500), ms(5000), ms(10000)};

    @Bean
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS).build().merge(config);
            }
        };
    }

    private static double ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}

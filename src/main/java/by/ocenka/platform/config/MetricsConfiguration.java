package by.ocenka.platform.config;

import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Latency histograms where operators read percentiles (src/ops: the submission p99 alert, the dashboard's p50/p99 per
 * route): a dozen fixed buckets from 5 ms to 10 s on the hot routes only. Micrometer's default histogram publishes
 * about seventy buckets per route and status, which would multiply the scrape tenfold for routes nobody graphs.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** The routes with buckets: rating (API and the QR page's form), the organisation page, search, the live stream. */
    static final Set<String> HISTOGRAM_ROUTES = Set.of("/api/v1/organizations/{id}/ratings", "/o/{id}/rate", "/o/{id}",
            "/api/v1/organizations", "/search", "/api/v1/organizations/{id}");

    private static final double[] BUCKETS = {ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000),
            ms(2500), ms(5000), ms(10000)};

    @Bean
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName()) || !HISTOGRAM_ROUTES.contains(id.getTag("uri"))) {
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

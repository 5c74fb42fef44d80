package by.ocenka.platform.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Lettuce fails fast while Redis is unreachable instead of queueing commands until they time out, so that a
 * request which needs Redis answers 503 at once and readiness turns DOWN promptly; it reconnects in the
 * background and carries on when Redis returns. Boot already applies the connect and command timeouts.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RedisClientConfiguration.class);

    /** Reconnect attempts back off to at most two seconds, so the portal recovers soon after Redis returns. */
    @Bean
    ClientResourcesBuilderCustomizer quickReconnect() {
        return builder -> builder.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2),
                2, TimeUnit.MILLISECONDS));
    }

    /**
     * Opens the shared connection during start-up, on the main thread: Lettuce opens it on first use and waits for
     * the connect, which on an event loop would block it (BlockHound caught this on a freshly started instance's
     * first request). Redis being down at start-up is logged, not fatal: reads still work without it.
     */
    @Bean
    SmartInitializingSingleton redisConnectionWarmUp(ObjectProvider<ReactiveRedisConnectionFactory> factory) {
        return () -> factory.ifAvailable(redis -> {
            try {
                redis.getReactiveConnection().close();
            } catch (RuntimeException e) {
                log.warn("Redis is not reachable at start-up; connecting on first use: {}", e.getMessage());
            }
        });
    }

    /**
     * Redis command timers ({@code lettuce.command.completion}, {@code lettuce.command.firstresponse}) from Lettuce's
     * latency recorder instead of Boot's per-command tracing observation, which cost about 7 % of a rating's CPU in
     * the profile (docs/PERFORMANCE.md). No client-side percentiles: Prometheus computes them from the timers.
     */
    @Bean
    ClientResourcesBuilderCustomizer commandMetrics(MeterRegistry meters) {
        return builder -> builder.commandLatencyRecorder(new MicrometerCommandLatencyRecorder(meters,
                MicrometerOptions.builder().histogram(false).targetPercentiles(new double[0]).build()));
    }

    /** On a Redis Cluster, commands leave from a dispatch thread of their own ({@link RedisClusterDispatch}). */
    @Bean
    static RedisClusterDispatch redisClusterDispatch() {
        return new RedisClusterDispatch();
    }

    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return builder -> {
            builder.autoReconnect(true).disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
            if (builder instanceof ClusterClientOptions.Builder cluster) {
                // A master that failed stays in the topology (flagged, without slots) after its replica took over:
                // leave it out, or commands that visit every master (SCAN) would be rejected by its dead connection.
                // One that still holds slots stays until the promotion, so that its keys answer "not connected"
                // (503) rather than belong to no node.
                cluster.nodeFilter(node -> !node.getSlots().isEmpty() || !(node.is(RedisClusterNode.NodeFlag.FAIL)
                        || node.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL) || node.is(RedisClusterNode.NodeFlag.NOADDR)));
            }
        };
    }
}

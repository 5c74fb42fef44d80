package by.ocenka.platform;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce fails fast while Redis is unreachable instead of queueing commands until they time out, so that a
 * request which needs Redis answers 503 at once and readiness turns DOWN promptly; it reconnects in the
 * background and carries on when Redis returns. Boot already applies the connect and command timeouts.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    /** Reconnect attempts back off to at most two seconds, so the portal recovers soon after Redis returns. */
    @Bean
    ClientResourcesBuilderCustomizer quickReconnect() {
        return builder -> builder.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2),
                2, TimeUnit.MILLISECONDS));
    }

    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return builder -> builder.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}

package by.ocenka.platform;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import by.ocenka.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener's subscription renewed while messages flow (what a busy machine's silence does): the old subscription
 * delivers until the new one hears the channel, and every message reaches the listener exactly once.
 */
class RedisChannelsTest extends IntegrationTest {

    private static final String CHANNEL = "ocenka:test:renewals";
    private static final int MESSAGES = 1500;

    @Autowired
    RedisChannels channels;
    @Autowired
    ReactiveStringRedisTemplate strings;
    @Autowired
    MeterRegistry meters;

    @Test
    void renewalsWhileMessagesFlowLoseAndRepeatNothing() {
        ConcurrentLinkedQueue<String> heard = new ConcurrentLinkedQueue<>();
        Disposable listener = channels.listen(CHANNEL, "Test channel", heard::add);
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> channels.heard().thenReturn(true).block(Duration.ofSeconds(1)));
            double before = renewals();
            // Renewals every 20 ms while the messages go out one after another.
            Disposable renewing = Flux.interval(Duration.ofMillis(20)).subscribe(tick -> channels.renewAll());
            try {
                Flux.range(0, MESSAGES)
                        .concatMap(n -> strings.convertAndSend(CHANNEL, String.valueOf(n)))
                        .then().subscribeOn(Schedulers.boundedElastic()).block(Duration.ofSeconds(60));
            } finally {
                renewing.dispose();
            }
            // Everything sent is heard (a message lost would keep this waiting), once.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(heard.stream().map(Integer::valueOf)
                    .collect(Collectors.toSet())).containsAll(IntStream.range(0, MESSAGES).boxed().toList()));
            assertThat(heard).hasSize(MESSAGES);
            assertThat(renewals() - before).as("renewals while the messages went out").isGreaterThanOrEqualTo(10);
        } finally {
            listener.dispose();
        }
    }

    private double renewals() {
        return meters.find("ocenka.redis.channel.renewals").tag("channel", CHANNEL).counter().count();
    }
}

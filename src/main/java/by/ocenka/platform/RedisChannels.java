package by.ocenka.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Listening to a Redis channel for as long as the instance runs, whatever Redis does. A subscription can die silently
 * when Redis restarts or fails over: every instance pings the channel every {@link #PING}, and a listener that hears
 * nothing (not even its own pings) for {@link #SILENCE} subscribes again, on a new connection, with a short back-off.
 * The live scores and the session changes both listen this way.
 */
@Component
public class RedisChannels {

    private static final Logger log = LoggerFactory.getLogger(RedisChannels.class);
    public static final Duration PING = Duration.ofSeconds(2);
    public static final Duration SILENCE = Duration.ofSeconds(6);
    private static final String PING_MESSAGE = "ping";

    private final ReactiveRedisConnectionFactory connections;
    private final ReactiveStringRedisTemplate redis;

    RedisChannels(ReactiveRedisConnectionFactory connections, ReactiveStringRedisTemplate redis) {
        this.connections = connections;
        this.redis = redis;
    }

    /** Hands every message of the channel (but the pings) to {@code onMessage} until disposed. */
    public Disposable listen(String channel, String what, Consumer<String> onMessage) {
        AtomicReference<ReactiveRedisMessageListenerContainer> container = new AtomicReference<>();
        Disposable pings = Flux.interval(PING).concatMap(tick -> redis.convertAndSend(channel, PING_MESSAGE)
                .onErrorResume(e -> Mono.empty())).subscribe();
        Disposable subscription = Flux.defer(() -> {
                    ReactiveRedisMessageListenerContainer previous = container.getAndSet(
                            new ReactiveRedisMessageListenerContainer(connections));
                    if (previous != null) {
                        previous.destroyLater().subscribe(null, e -> { });
                    }
                    return container.get().receive(ChannelTopic.of(channel));
                })
                // Opening the subscriber connection waits for the connect: not on an event loop.
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(SILENCE)
                // Again and again with a short back-off, which starts again at 200 ms once a subscription has heard
                // something (transient errors); a stream that merely ends is started again too.
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2))
                        .transientErrors(true)
                        .doBeforeRetry(signal -> {
                            if (signal.totalRetriesInARow() == 0) {
                                log.info("{}: renewing the Redis subscription ({})", what, signal.failure().toString());
                            }
                        }))
                .repeat()
                .map(message -> message.getMessage())
                .filter(message -> !PING_MESSAGE.equals(message))
                .subscribe(onMessage, e -> log.warn("{} stopped: {}", what, e.toString()));
        return Disposables.composite(pings, subscription, () -> {
            ReactiveRedisMessageListenerContainer last = container.get();
            if (last != null) {
                last.destroyLater().subscribe(null, e -> { });
            }
        });
    }
}

package by.ocenka.platform;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Listening to a Redis channel for as long as the instance runs, whatever Redis does. A subscription can die silently
 * when Redis restarts or fails over: every instance pings the channel every {@link #PING}, and a listener whose
 * subscription hears nothing (not even its own pings) for {@link #SILENCE}, or ends, subscribes again on a new
 * connection. The old subscription is kept until the new one is known to hear the channel, and a marker published
 * through Redis splits the channel's messages between them: the old one delivers what came before the marker, the new
 * one what came after, so a renewal of a subscription that was merely slow (a busy machine) loses and repeats nothing.
 * The live scores, the session changes and the catalogue's changes listen this way. The listeners stop before the
 * Redis connection factory stops (and start after it): a context paused or closing does not knock on a closed door.
 */
@Component
public class RedisChannels implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisChannels.class);
    public static final Duration PING = Duration.ofSeconds(2);
    public static final Duration SILENCE = Duration.ofSeconds(6);
    private static final String PING_MESSAGE = "ping";
    /** Markers and probes: pings with a unique tail, never handed to a listener's consumer. */
    private static final String MARKER_PREFIX = "ping:";

    private final ReactiveRedisConnectionFactory connections;
    private final ReactiveStringRedisTemplate redis;
    private final MeterRegistry meters;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    RedisChannels(ReactiveRedisConnectionFactory connections, ReactiveStringRedisTemplate redis, MeterRegistry meters) {
        this.connections = connections;
        this.redis = redis;
        this.meters = meters;
    }

    /** Hands every message of the channel (but the pings) to {@code onMessage}, one at a time, until disposed. */
    public Disposable listen(String channel, String what, Consumer<String> onMessage) {
        Listener listener = new Listener(channel, what, onMessage);
        listeners.add(listener);
        if (running) {
            listener.resume();
        }
        return listener;
    }

    @Override
    public void start() {
        running = true;
        listeners.forEach(Listener::resume);
    }

    @Override
    public void stop() {
        running = false;
        listeners.forEach(Listener::pause);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the Redis connection factory (phase 0) starts, and before it stops. */
    @Override
    public int getPhase() {
        return 1_000;
    }

    /**
     * Completes once every listener of this instance has heard a probe published now through Redis: the instance
     * hears its channels. Never completes while one of them is deaf (until its renewal): callers set a timeout.
     */
    public Mono<Void> heard() {
        List<Mono<Void>> probes = listeners.stream().map(Listener::probe).toList();
        return Mono.when(probes);
    }

    /** Renews every subscription of this instance now, as silence would (after a failover one knows of; tests). */
    void renewAll() {
        listeners.forEach(Listener::renewNow);
    }

    /** One subscription to the channel, on a connection of its own. */
    private static final class Subscription {
        final long openedAt = System.nanoTime();
        volatile ReactiveRedisMessageListenerContainer container;
        volatile Disposable messages;
        /** When it last heard anything; 0 before it is active. */
        long heardAt;
        boolean active;
        boolean ended;
        /** It heard the renewal's marker: what it hears after belongs to the next subscription. */
        boolean heardMarker;
        long heardMarkerAt;

        void close() {
            Disposable flow = messages;
            if (flow != null) {
                flow.dispose();
            }
            ReactiveRedisMessageListenerContainer last = container;
            if (last != null) {
                last.destroyLater().subscribe(null, e -> { });
            }
        }
    }

    /** A channel listened to: the subscription in use and, during a renewal, the one taking over with its marker. */
    private final class Listener implements Disposable {

        private final String channel;
        private final String what;
        private final Consumer<String> onMessage;
        private final Counter renewals;
        private final ConcurrentHashMap<String, Sinks.Empty<Void>> probes = new ConcurrentHashMap<>();
        // Guarded by this, as the subscriptions: none while paused.
        private Disposable ticks;
        // Guarded by this: messages of two subscriptions may arrive at once on two threads during a renewal.
        private Subscription current;
        private Subscription next;
        private String marker;
        /** A renewal has been told (log, metric) and goes on until one takes over: told once, however many tries. */
        private boolean renewing;
        private volatile boolean disposed;

        Listener(String channel, String what, Consumer<String> onMessage) {
            this.channel = channel;
            this.what = what;
            this.onMessage = onMessage;
            this.renewals = Counter.builder("ocenka.redis.channel.renewals").tag("channel", channel)
                    .description("Subscriptions to a Redis channel opened again after silence or an end")
                    .register(meters);
        }

        /** Subscribes and pings (at start-up, and again after a pause). */
        synchronized void resume() {
            if (disposed || ticks != null) {
                return;
            }
            // The look does not wait for the ping: with Redis down a command may wait for its timeout.
            ticks = Flux.interval(PING, PING).onBackpressureDrop().doOnNext(tick -> look())
                    .concatMap(tick -> redis.convertAndSend(channel, PING_MESSAGE).timeout(PING)
                            .onErrorResume(e -> Mono.empty()))
                    .subscribe();
            next = open();
        }

        /** Lets go of the subscriptions and stops pinging, until resumed. */
        void pause() {
            Subscription first;
            Subscription second;
            synchronized (this) {
                if (ticks != null) {
                    ticks.dispose();
                    ticks = null;
                }
                first = current;
                second = next;
                current = null;
                next = null;
                marker = null;
                renewing = false;
            }
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }

        /** Every PING: renews a subscription gone silent or ended, and ends a renewal that has taken over. */
        private void look() {
            long now = System.nanoTime();
            Subscription stale = null;
            synchronized (this) {
                if (disposed || ticks == null) {
                    return;
                }
                if (next != null && !next.active && (next.ended || now - next.openedAt > SILENCE.toNanos())) {
                    // The new subscription could not be opened: try again at the next tick.
                    next.close();
                    next = null;
                } else if (next != null && next.heardMarker && current != null
                        && now - next.heardMarkerAt > PING.toNanos()) {
                    // The old subscription never heard the marker: it was deaf. What it missed is lost to it anyway.
                    stale = takeOver();
                }
                if (next == null && current == null) {
                    next = open();
                } else if (next == null && (current.ended || now - current.heardAt > SILENCE.toNanos())) {
                    renew(current.ended ? "it ended" : "nothing heard for " + SILENCE.toSeconds() + " s");
                }
            }
            if (stale != null) {
                stale.close();
            }
        }

        /** The renewal's subscription becomes the current one; answers the one it replaces (guarded by this). */
        private Subscription takeOver() {
            Subscription replaced = current;
            current = next;
            current.heardMarker = false;
            next = null;
            marker = null;
            renewing = false;
            return replaced;
        }

        /** Opens the subscription that takes over from the current one (guarded by this). */
        private void renew(String why) {
            renew(why, false);
        }

        private void renew(String why, boolean asked) {
            if (!renewing) {
                renewing = true;
                renewals.increment();
                if (asked) {
                    log.debug("{}: renewing the Redis subscription (asked to)", what);
                } else {
                    log.info("{}: renewing the Redis subscription ({})", what, why);
                }
            }
            next = open();
        }

        synchronized void renewNow() {
            if (!disposed && current != null && next == null) {
                renew("asked to", true);
            }
        }

        private Subscription open() {
            Subscription subscription = new Subscription();
            subscription.messages = Mono.defer(() -> {
                        subscription.container = new ReactiveRedisMessageListenerContainer(connections);
                        return subscription.container.receiveLater(ChannelTopic.of(channel));
                    })
                    // Opening the subscriber connection waits for the connect: not on an event loop.
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMapMany(messages -> messages.doOnSubscribe(s -> activated(subscription)))
                    .subscribe(message -> heard(subscription, message.getMessage()),
                            e -> ended(subscription, e), () -> ended(subscription, null));
            return subscription;
        }

        /** The new subscription hears the channel: the first one takes over at once, a renewal after its marker. */
        private void activated(Subscription subscription) {
            String published;
            synchronized (this) {
                if (subscription != next) {
                    return;
                }
                subscription.active = true;
                subscription.heardAt = System.nanoTime();
                if (current == null) {
                    current = subscription;
                    next = null;
                    return;
                }
                marker = MARKER_PREFIX + UUID.randomUUID();
                published = marker;
            }
            redis.convertAndSend(channel, published).subscribe(null, e -> { });
        }

        private void heard(Subscription subscription, String message) {
            Subscription replaced = null;
            synchronized (this) {
                if (disposed || (subscription != current && subscription != next)) {
                    return;
                }
                subscription.heardAt = System.nanoTime();
                if (message.startsWith(MARKER_PREFIX)) {
                    if (message.equals(marker)) {
                        subscription.heardMarker = true;
                        subscription.heardMarkerAt = subscription.heardAt;
                        if (current.heardMarker && next != null && next.heardMarker) {
                            replaced = takeOver();
                        }
                    } else {
                        heardProbe(subscription, message);
                    }
                } else if (!PING_MESSAGE.equals(message) && delivers(subscription)) {
                    // Under the lock: the consumers emit to sinks that take one thread at a time.
                    onMessage.accept(message);
                }
            }
            if (replaced != null) {
                replaced.close();
            }
        }

        /** Outside a renewal the current subscription delivers; during one, each its side of the marker. */
        private boolean delivers(Subscription subscription) {
            if (next == null) {
                return subscription == current;
            }
            return subscription == current ? !current.heardMarker : subscription.heardMarker;
        }

        private void heardProbe(Subscription subscription, String message) {
            // A probe counts when the subscription that delivers from now on hears it.
            if (subscription == current && (next == null || !next.heardMarker)
                    || subscription == next && subscription.heardMarker) {
                Sinks.Empty<Void> waiting = probes.remove(message);
                if (waiting != null) {
                    waiting.tryEmitEmpty();
                }
            }
        }

        private void ended(Subscription subscription, Throwable error) {
            boolean told;
            synchronized (this) {
                subscription.ended = true;
                // Once per renewal, however many tries it takes (Redis may be down for a while).
                told = renewing || disposed || ticks == null;
            }
            if (error != null && !told) {
                log.info("{}: the Redis subscription ended ({})", what, error.toString());
            }
        }

        Mono<Void> probe() {
            return Mono.defer(() -> {
                String probe = MARKER_PREFIX + "probe-" + UUID.randomUUID();
                Sinks.Empty<Void> heard = Sinks.empty();
                probes.put(probe, heard);
                return redis.convertAndSend(channel, probe).then(heard.asMono())
                        .doFinally(signal -> probes.remove(probe));
            });
        }

        @Override
        public void dispose() {
            synchronized (this) {
                disposed = true;
            }
            listeners.remove(this);
            pause();
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }
}

package by.ocenka.catalog.internal;

import by.ocenka.catalog.OrganizationChanged;
import by.ocenka.platform.RedisChannels;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Tells every instance that an organisation's details changed: at once on this one, through a Redis channel on the
 * others, each then forgetting what it keeps of that organisation ({@link OrganizationChanged}). Should Redis miss
 * the message, the kept copies are renewed within minutes anyway.
 */
@Component
public class CatalogChanges {

    private static final Logger log = LoggerFactory.getLogger(CatalogChanges.class);
    static final String CHANNEL = "ocenka:catalog";

    private final RedisChannels channels;
    private final ReactiveStringRedisTemplate redis;
    private final ApplicationEventPublisher events;
    private Disposable subscription;

    CatalogChanges(RedisChannels channels, ReactiveStringRedisTemplate redis, ApplicationEventPublisher events) {
        this.channels = channels;
        this.redis = redis;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    void listen() {
        subscription = channels.listen(CHANNEL, "Catalogue changes", message -> {
            if (message.matches("[0-9]{1,18}")) {
                events.publishEvent(new OrganizationChanged(Long.parseLong(message)));
            }
        });
    }

    /** Announces a committed change of this organisation to every instance. */
    public Mono<Void> changed(long organizationId) {
        return Mono.fromRunnable(() -> events.publishEvent(new OrganizationChanged(organizationId)))
                .then(redis.convertAndSend(CHANNEL, String.valueOf(organizationId)))
                .onErrorResume(e -> {
                    log.warn("Catalogue change of {} not announced to the other instances: {}", organizationId, e.toString());
                    return Mono.empty();
                })
                .then();
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            subscription.dispose();
        }
    }
}

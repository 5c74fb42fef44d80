package by.ocenka.web.cache;

import java.time.Duration;
import java.util.List;

import by.ocenka.platform.Languages;
import by.ocenka.web.BusyOrganizations;
import by.ocenka.web.KeptPages;
import by.ocenka.web.WebProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Renders the busiest organisations' rating forms and pages ahead, in the background, one at a time: after a start
 * and after everything kept was dropped ({@link KeptPages.AllChanged}, say the figures recomputed). A QR code at a busy
 * desk then opens a kept form from the first scan, and the first renders readers do are those of the long tail.
 * How many: {@code ocenka.web.warm-organizations}.
 */
@Component
class PageWarmer {

    private static final Logger log = LoggerFactory.getLogger(PageWarmer.class);
    /** After {@link KeptPages.AllChanged}: the store drops what it kept first. */
    private static final Duration AFTER_A_DROP = Duration.ofSeconds(1);
    private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(10);

    private final PageStore store;
    private final InProcessRenderer renderer;
    private final ObjectProvider<BusyOrganizations> busy;
    private final int organizations;
    private volatile Disposable running;

    PageWarmer(PageStore store, InProcessRenderer renderer, ObjectProvider<BusyOrganizations> busy, WebProperties properties) {
        this.store = store;
        this.renderer = renderer;
        this.busy = busy;
        this.organizations = properties.warmOrganizations();
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        warm(Duration.ZERO);
    }

    @EventListener(KeptPages.AllChanged.class)
    void dropped() {
        warm(AFTER_A_DROP);
    }

    /** Starts a warm-up after {@code delay}; one still running gives way to it. */
    private synchronized void warm(Duration delay) {
        if (organizations <= 0) {
            return;
        }
        if (running != null) {
            running.dispose();
        }
        long started = System.nanoTime();
        running = Mono.delay(delay).then(Mono.defer(() -> warm(organizations)))
                .subscribe(pages -> log.info("Kept pages warmed: {} pages of the {} busiest organisations in {} ms", pages,
                                organizations, Duration.ofNanos(System.nanoTime() - started).toMillis()),
                        e -> log.warn("Kept pages not warmed: {}", e.toString()));
    }

    /**
     * Renders the rating forms and pages of the {@code count} busiest organisations that are not kept, one at a time;
     * answers how many it rendered.
     */
    Mono<Long> warm(int count) {
        BusyOrganizations source = busy.getIfAvailable();
        if (source == null) {
            return Mono.just(0L);
        }
        return source.busiest(count)
                .concatMapIterable(id -> List.of(key("/o/" + id + "/rate"), key("/o/" + id)))
                .filter(key -> store.get(key) == null)
                .concatMap(key -> renderer.render(key, null).timeout(RENDER_TIMEOUT).thenReturn(1)
                        .onErrorResume(e -> Mono.empty()))
                .count();
    }

    /** The key an anonymous visitor's GET of an organisation's page has (Russian, the default language). */
    static PageKey key(String path) {
        CachedRoutes.Match match = CachedRoutes.match(path);
        return new PageKey(path, Languages.RUSSIAN.getLanguage(), false, match.route(), match.organizationId(), false);
    }

    @PreDestroy
    void stop() {
        Disposable warming = running;
        if (warming != null) {
            warming.dispose();
        }
    }
}

package by.ocenka.web.cache;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import by.ocenka.web.KeptPages;
import by.ocenka.web.SignedInVisitors;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Keeps the kept pages fresh: an organisation's pages are rendered again when a feature says they changed
 * ({@link KeptPages.Changed}, from this instance or heard from another), at most four times a second for all of them
 * together, and a page read when older than its route allows is rendered again in the background, one such page at a
 * time for the whole instance: thousands of organisations' pages read within their minute would otherwise all be
 * rendered again within seconds of each other and take the cores from the readers (measured: the organisation page
 * with the load suites' choice of organisations fell from thousands of answers a second to 557). One render per page at
 * a time; readers get the previous copy meanwhile, and an old page skipped now is rendered at a later read.
 */
@Component
class PageRefresher {

    private static final Logger log = LoggerFactory.getLogger(PageRefresher.class);
    private static final Duration REFRESH_DELAY = Duration.ofMillis(250);
    private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(10);
    private static final int OLD_AT_ONCE = 1;
    /** The name the stand-in signed-in visitor has in a render; replaced by the visitor's own when sent. */
    static final String NAME_PLACEHOLDER = "ocenka-name-placeholder-5f1c";

    private final PageStore store;
    private final InProcessRenderer renderer;
    private final ObjectProvider<SignedInVisitors> visitors;
    private final Set<PageKey> refreshing = ConcurrentHashMap.newKeySet();
    private final Set<Long> changedOrganizations = ConcurrentHashMap.newKeySet();
    /** Renders running for pages that grew old (at most {@link #OLD_AT_ONCE}). */
    private final AtomicInteger oldRendering = new AtomicInteger();
    private final Disposable ticker;

    PageRefresher(PageStore store, InProcessRenderer renderer, ObjectProvider<SignedInVisitors> visitors) {
        this.store = store;
        this.renderer = renderer;
        this.visitors = visitors;
        this.ticker = Flux.interval(REFRESH_DELAY).subscribe(tick -> refreshChanged());
    }

    @EventListener
    void changed(KeptPages.Changed event) {
        changedOrganizations.add(event.organizationId());
    }

    /** Renders the page again in the background (unless a render of it is running already). */
    void refresh(PageKey key) {
        render(key, () -> { });
    }

    /**
     * Renders a page that grew older than its route allows again in the background, unless another such render is
     * running (then a later read asks again).
     */
    void refreshOld(PageKey key) {
        if (oldRendering.incrementAndGet() > OLD_AT_ONCE) {
            oldRendering.decrementAndGet();
            return;
        }
        if (!render(key, oldRendering::decrementAndGet)) {
            oldRendering.decrementAndGet();
        }
    }

    /** Starts a background render of the page; false when one is running already (then {@code done} is not called). */
    private boolean render(PageKey key, Runnable done) {
        SignedInVisitors signedIn = key.signedIn() ? visitors.getIfAvailable() : null;
        if ((key.signedIn() && signedIn == null) || !refreshing.add(key)) {
            return false;
        }
        renderer.render(key, signedIn == null ? null : signedIn.standIn(NAME_PLACEHOLDER))
                .timeout(RENDER_TIMEOUT)
                .doFinally(signal -> {
                    refreshing.remove(key);
                    done.run();
                })
                .subscribe(null, e -> log.debug("Page {} not refreshed: {}", key, e.toString()));
        return true;
    }

    private void refreshChanged() {
        if (changedOrganizations.isEmpty()) {
            return;
        }
        Set<Long> changed = Set.copyOf(changedOrganizations);
        changedOrganizations.removeAll(changed);
        for (PageKey key : store.keys()) {
            if (changed.contains(key.organizationId())) {
                refresh(key);
            }
        }
    }

    @PreDestroy
    void stop() {
        ticker.dispose();
    }
}

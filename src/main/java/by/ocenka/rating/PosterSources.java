package by.ocenka.rating;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import by.ocenka.catalog.PosterSource;
import by.ocenka.platform.Minsk;
import by.ocenka.rating.internal.Placements;
import by.ocenka.rating.internal.PosterSourceRepository;
import by.ocenka.rating.internal.PosterSourceRepository.Added;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the ratings come from: how often the form was opened from each of an organisation's posters (the QR code's
 * {@code src} label, {@link PosterSource}) and how many ratings were sent from a form so opened. A scan costs an
 * increment in memory; every {@link #FLUSH} the counts go to PostgreSQL in one statement per instance (no database
 * write on the request path), by Minsk month. An organisation counts at most {@link #LABELS_PER_ORGANIZATION} labels a
 * month on an instance, and only forms that were answered (an unknown organisation is not), so made-up links cannot
 * fill the table; an instance killed loses at most the last few seconds of counts. The counts are a visitor's word, not
 * proof: anyone can open a form with any label (docs/SECURITY.md).
 */
@Service
public class PosterSources {

    static final Duration FLUSH = Duration.ofSeconds(5);
    static final int LABELS_PER_ORGANIZATION = 50;

    private static final Logger log = LoggerFactory.getLogger(PosterSources.class);

    /** One counter: an organisation's label in a month. */
    private record Key(long organizationId, LocalDate month, String source) {
    }

    private record Counts(LongAdder opened, LongAdder rated) {
        Counts() {
            this(new LongAdder(), new LongAdder());
        }
    }

    private final PosterSourceRepository repository;
    private final Placements placements;
    private final Clock clock;
    private final Map<Key, Counts> pending = new ConcurrentHashMap<>();
    /** The labels an organisation counted this month on this instance (the bound on made-up ones). */
    private final Cache<String, Set<String>> labels = Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(1))
            .maximumSize(100_000).build();
    private Disposable flushing;

    PosterSources(PosterSourceRepository repository, Placements placements, Clock clock) {
        this.repository = repository;
        this.placements = placements;
        this.clock = clock;
    }

    /** The form was opened from a poster (a valid label; anything else is not counted). */
    public void opened(long organizationId, String source) {
        count(organizationId, source, true);
    }

    /** A rating was sent from a form opened from a poster. */
    public void rated(long organizationId, String source) {
        count(organizationId, source, false);
    }

    private void count(long organizationId, String source, boolean opened) {
        String label = PosterSource.label(source);
        if (label == null) {
            return;
        }
        LocalDate month = Minsk.today(clock).withDayOfMonth(1);
        Set<String> known = labels.get(organizationId + ":" + month, key -> ConcurrentHashMap.newKeySet());
        synchronized (known) {
            if (!known.contains(label)) {
                if (known.size() >= LABELS_PER_ORGANIZATION) {
                    return;
                }
                known.add(label);
            }
        }
        // Counted inside the map's own step for the key, so that a write taking the counts away cannot lose it.
        pending.compute(new Key(organizationId, month, label), (key, counts) -> {
            Counts kept = counts == null ? new Counts() : counts;
            (opened ? kept.opened() : kept.rated()).increment();
            return kept;
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        flushing = Flux.interval(FLUSH, FLUSH).concatMap(tick -> flush().onErrorResume(e -> Mono.empty())).subscribe();
    }

    /**
     * Writes what was counted since the last time, when subscribed to: for organisations the portal rates (a made-up
     * id in a link is not kept). Counts a failed write could not keep are logged and dropped.
     */
    public Mono<Void> flush() {
        return Mono.defer(() -> {
            List<Added> batch = new ArrayList<>();
            for (Key key : List.copyOf(pending.keySet())) {
                // remove and compute are atomic per key: what is taken here was complete, later counts start anew.
                Counts counts = pending.remove(key);
                if (counts != null) {
                    batch.add(new Added(key.organizationId(), key.month(), key.source(), counts.opened().sum(),
                            counts.rated().sum()));
                }
            }
            if (batch.isEmpty()) {
                return Mono.empty();
            }
            return Flux.fromIterable(batch)
                    .filterWhen(added -> placements.of(added.organizationId()).hasElement())
                    .collectList()
                    .flatMap(repository::add)
                    .doOnError(e -> log.warn("Poster counts of {} labels lost: {}", batch.size(), e.toString()));
        });
    }

    @PreDestroy
    void stop() {
        if (flushing != null) {
            flushing.dispose();
        }
        flush().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(5));
    }
}

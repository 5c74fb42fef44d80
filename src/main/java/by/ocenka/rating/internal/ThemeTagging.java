package by.ocenka.rating.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import by.ocenka.platform.DemoDataLoaded;
import by.ocenka.platform.DemoDataLoading;
import by.ocenka.rating.Theme;
import by.ocenka.rating.ThemeRecords.ThemeTerm;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Tags the comments with their themes, off the rating's path: every few seconds each instance takes the next comments
 * without themes (locked with SKIP LOCKED, so instances share the work and never tag one twice), tags them on the
 * parallel scheduler and writes the batch in one statement. After a moderator changed the vocabulary, the comments
 * already tagged are tagged again in id order (the place is kept in {@code theme_retag}, so a restart goes on), and
 * every instance rebuilds its tagger when the vocabulary's version moves.
 */
@Component
public class ThemeTagging {

    private static final Logger log = LoggerFactory.getLogger(ThemeTagging.class);
    static final int BATCH = 1_000;
    private static final Duration SWEEP_SLICE = Duration.ofSeconds(2);

    private final ThemeRepository repository;
    private final TransactionalOperator transaction;
    private final RatingProperties properties;
    private final AtomicReference<Versioned> tagger = new AtomicReference<>();
    private Disposable loop;
    /** While the demo data load (first start in local mode), tagging waits: its updates would slow the load's copies. */
    private volatile boolean demoLoading;

    private record Versioned(int version, ThemeTagger tagger) {
    }

    ThemeTagging(ThemeRepository repository, TransactionalOperator transaction, RatingProperties properties) {
        this.repository = repository;
        this.transaction = transaction;
        this.properties = properties;
        ThemeVocabulary.packaged(); // the shipped files are read here, at start, not on a scheduler's thread
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!properties.jobsEnabled()) {
            return;
        }
        loop = Flux.interval(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .onBackpressureDrop()
                .filter(tick -> !demoLoading)
                // New comments first, then the sweep for at most two seconds: a long re-tag never holds them back.
                .concatMap(tick -> tagPending().then(sweepFor(SWEEP_SLICE)).onErrorResume(e -> {
                    log.warn("Tagging the comments' themes failed: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @EventListener(DemoDataLoading.class)
    void demoLoading() {
        demoLoading = true;
    }

    @EventListener(DemoDataLoaded.class)
    void demoLoaded() {
        demoLoading = false;
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.dispose();
        }
    }

    /** Tags every comment without themes, a batch at a time: how many were tagged. */
    public Mono<Integer> tagPending() {
        return tagBatch().expand(n -> n == BATCH ? tagBatch() : Mono.empty()).reduce(0, Integer::sum);
    }

    private Mono<Integer> tagBatch() {
        return current().flatMap(current -> transaction.transactional(repository.lockUntagged(BATCH).collectList()
                .flatMap(rows -> Mono.fromCallable(() -> tag(current, rows, false)).subscribeOn(Schedulers.parallel())
                        .flatMap(batch -> repository.store(batch.ids, batch.dates, batch.themes)
                                .thenReturn(rows.size())))));
    }

    /** Goes on with the sweep after a vocabulary change, to its end: how many comments changed their themes. */
    public Mono<Integer> sweep() {
        return sweepFor(null);
    }

    /** The sweep for at most this long (null: to its end); how many comments changed their themes. */
    private Mono<Integer> sweepFor(Duration limit) {
        long until = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        return sweepBatch().expand(n -> n >= 0 && System.nanoTime() < until ? sweepBatch() : Mono.empty())
                .filter(n -> n > 0).reduce(0, Integer::sum);
    }

    /** One batch of the sweep: the comments whose themes changed, or -1 when there is no sweep (left). */
    private Mono<Integer> sweepBatch() {
        return transaction.transactional(repository.lockRetag().flatMap(state -> {
            if (state.length == 1) {
                return Mono.just(-1);
            }
            // The tagger of the version read under the row's lock: a change committed a moment ago is the one used.
            return taggerFor((int) state[0]).flatMap(current -> sweepBatch(current, state[1]));
        }));
    }

    private Mono<Integer> sweepBatch(ThemeTagger current, long afterId) {
        return repository.commentedAfter(afterId, BATCH).collectList().flatMap(rows -> {
            if (rows.isEmpty()) {
                return repository.sweptTo(null).thenReturn(0);
            }
            return Mono.fromCallable(() -> tag(current, rows, true)).subscribeOn(Schedulers.parallel())
                    .flatMap(batch -> repository.store(batch.ids, batch.dates, batch.themes)
                            .then(repository.sweptTo(rows.get(rows.size() - 1).id()))
                            .thenReturn(batch.ids.size()));
        });
    }

    /** The tagger of the vocabulary's current version, rebuilt when a moderator changed it. */
    public Mono<ThemeTagger> current() {
        return repository.version().flatMap(this::taggerFor);
    }

    private Mono<ThemeTagger> taggerFor(int version) {
        Versioned known = tagger.get();
        if (known != null && known.version() == version) {
            return Mono.just(known.tagger());
        }
        return repository.terms().collectList()
                .publishOn(Schedulers.parallel())
                .map(terms -> {
                    ThemeTagger built = build(terms);
                    tagger.set(new Versioned(version, built));
                    return built;
                });
    }

    /** A tagger of the shipped vocabulary and these added lines (CPU work: call it off the event loop). */
    public static ThemeTagger build(List<ThemeTerm> terms) {
        return new ThemeTagger(ThemeVocabulary.with(added(terms)));
    }

    private static Map<Theme, List<String>> added(List<ThemeTerm> terms) {
        return terms.stream().collect(Collectors.groupingBy(t -> Theme.of(t.theme()).orElseThrow(),
                Collectors.mapping(ThemeTerm::term, Collectors.toList())));
    }

    private record Batch(List<Long> ids, List<LocalDate> dates, List<Integer> themes) {
    }

    /** The rows' themes; with {@code changedOnly}, only the rows whose themes differ from those stored. */
    private static Batch tag(ThemeTagger tagger, List<ThemeRepository.Untagged> rows, boolean changedOnly) {
        Batch batch = new Batch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (ThemeRepository.Untagged row : rows) {
            int bits = tagger.bits(row.comment());
            if (changedOnly && row.themes() != null && row.themes() == bits) {
                continue;
            }
            batch.ids.add(row.id());
            batch.dates.add(row.localDate());
            batch.themes.add(bits);
        }
        return batch;
    }
}

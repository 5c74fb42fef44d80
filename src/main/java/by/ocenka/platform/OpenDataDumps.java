package by.ocenka.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open data files: every {@link OpenDataSet} written as CSV (RFC 4180, UTF-8, a header line) and as JSON (an array
 * of objects) into {@code ocenka.open-data.directory}, once at start-up when the files are missing or a day old, and
 * then every night at 03:00 Minsk time (directory: {@link OpenDataProperties}). A file is written under a temporary name and moved into place, so a download
 * never sees half a file. The writing runs on the bounded-elastic scheduler (file I/O), never on an event loop.
 */
@Component
public class OpenDataDumps {

    private static final Logger log = LoggerFactory.getLogger(OpenDataDumps.class);

    /** A published file: its set, format, rows and when it was written. */
    public record Dump(String name, String format, long rows, Instant updatedAt, Path file) {
        public String fileName() {
            return name + "." + format;
        }
    }

    private final List<OpenDataSet> sets;
    private final Path directory;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Dump> dumps = new ConcurrentHashMap<>();
    private Disposable nightly;

    OpenDataDumps(List<OpenDataSet> sets, OpenDataProperties properties, Clock clock) {
        this.sets = sets;
        this.directory = Path.of(properties.directory());
        this.clock = clock;
    }

    /** The sets the portal publishes, in name order. */
    public List<OpenDataSet> sets() {
        return sets.stream().sorted(Comparator.comparing(OpenDataSet::name)).toList();
    }

    /** The files written so far, by set and format. */
    public List<Dump> dumps() {
        return dumps.values().stream().sorted(Comparator.comparing(Dump::fileName)).toList();
    }

    /** A written file by its name ({@code organizations.csv}), or empty. */
    public Optional<Dump> dump(String fileName) {
        return Optional.ofNullable(dumps.get(fileName));
    }

    /** At start-up the files are read back, or written when missing or old; then every night. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Mono.fromCallable(this::readExisting).subscribeOn(Schedulers.boundedElastic())
                .flatMap(fresh -> fresh ? Mono.empty() : refresh())
                .subscribe(null, e -> log.warn("The open data files could not be written: {}", e.toString()));
        nightly = Flux.defer(() -> Mono.delay(untilNight())).repeat()
                .concatMap(tick -> refresh().onErrorResume(e -> {
                    log.warn("The nightly open data files could not be written: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    /** Demo data loaded into an empty database (the local mode's first start): the files are written again. */
    @EventListener(DemoDataLoaded.class)
    void demoDataLoaded() {
        refresh().subscribe(null, e -> log.warn("The open data files could not be written: {}", e.toString()));
    }

    /** Something in the files must go (a hidden comment): they are written again at once. */
    @EventListener(OpenDataChanged.class)
    void dataChanged() {
        if (!dumps.isEmpty()) {
            refresh().subscribe(null, e -> log.warn("The open data files could not be written: {}", e.toString()));
        }
    }

    @PreDestroy
    void stop() {
        if (nightly != null) {
            nightly.dispose();
        }
    }

    /** Whether files are being written now (two refreshes must not write the same temporary file). */
    private final AtomicBoolean writing = new AtomicBoolean();

    /** Writes every set's files afresh; a refresh asked for while one runs waits for it and then runs. */
    public Mono<Void> refresh() {
        Mono<Void> write = Flux.fromIterable(sets).concatMap(set -> write(set, "csv").then(write(set, "json"))).then();
        return Mono.defer(() -> writing.compareAndSet(false, true)
                ? write.doFinally(signal -> writing.set(false))
                : Mono.delay(Duration.ofSeconds(1)).then(refresh()));
    }

    private Duration untilNight() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(Minsk.ZONE));
        ZonedDateTime night = now.toLocalDate().atTime(3, 0).atZone(Minsk.ZONE);
        if (!night.isAfter(now)) {
            night = night.plusDays(1);
        }
        return Duration.between(now, night);
    }

    /** The files already in the directory, if all there and under a day old (a restart does not rewrite them). */
    private boolean readExisting() throws IOException {
        boolean fresh = true;
        for (OpenDataSet set : sets) {
            for (String format : List.of("csv", "json")) {
                Path file = directory.resolve(set.name() + "." + format);
                Path rows = directory.resolve(set.name() + "." + format + ".rows");
                if (!Files.exists(file) || !Files.exists(rows)) {
                    fresh = false;
                    continue;
                }
                Instant written = Files.getLastModifiedTime(file).toInstant();
                fresh &= written.isAfter(clock.instant().minus(Duration.ofDays(1)));
                dumps.put(set.name() + "." + format, new Dump(set.name(), format,
                        Long.parseLong(Files.readString(rows).strip()), written, file));
            }
        }
        return fresh;
    }

    private Mono<Void> write(OpenDataSet set, String format) {
        return Mono.defer(() -> {
            Path target = directory.resolve(set.name() + "." + format);
            Path temporary = directory.resolve(set.name() + "." + format + ".tmp");
            List<String> names = set.columns().stream().map(OpenDataSet.Column::name).toList();
            long[] count = {0};
            return Mono.using(() -> open(temporary),
                            out -> Mono.fromRunnable(() -> begin(out, names, format))
                                    .thenMany(set.rows().publishOn(Schedulers.boundedElastic()).doOnNext(row -> {
                                        row(out, names, row, format, count[0] == 0);
                                        count[0]++;
                                    }))
                                    .then(Mono.fromRunnable(() -> end(out, format))),
                            OpenDataDumps::close)
                    .then(Mono.fromCallable(() -> {
                        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        Files.writeString(directory.resolve(set.name() + "." + format + ".rows"), Long.toString(count[0]));
                        Dump dump = new Dump(set.name(), format, count[0], Files.getLastModifiedTime(target).toInstant(), target);
                        dumps.put(dump.fileName(), dump);
                        log.info("Open data {} written: {} rows", dump.fileName(), count[0]);
                        return dump;
                    }))
                    .subscribeOn(Schedulers.boundedElastic())
                    .then();
        });
    }

    /** An open file: the writer, and for JSON its generator. */
    private record Out(Writer writer, JsonGenerator generator) {
    }

    private Out open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new Out(writer, file.toString().endsWith(".json.tmp") ? json.createGenerator(writer) : null);
    }

    private static void close(Out out) {
        try {
            if (out.generator() != null) {
                out.generator().close();
            }
            out.writer().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void begin(Out out, List<String> names, String format) {
        if (format.equals("json")) {
            out.generator().writeStartArray();
        } else {
            csvLine(out.writer(), new ArrayList<>(names));
        }
    }

    private static void row(Out out, List<String> names, List<Object> row, String format, boolean first) {
        if (format.equals("json")) {
            JsonGenerator g = out.generator();
            g.writeStartObject();
            for (int i = 0; i < names.size(); i++) {
                g.writeName(names.get(i));
                Object value = row.get(i);
                if (value == null) {
                    g.writeNull();
                } else if (value instanceof Number number && !(value instanceof BigDecimal)) {
                    g.writePOJO(number);
                } else if (value instanceof BigDecimal decimal) {
                    g.writeNumber(decimal);
                } else {
                    g.writeString(value.toString());
                }
            }
            g.writeEndObject();
        } else {
            csvLine(out.writer(), row);
        }
    }

    private static void end(Out out, String format) {
        if (format.equals("json")) {
            out.generator().writeEndArray();
            out.generator().flush();
        }
    }

    /** One CSV record ({@link Csv}). */
    static void csvLine(Writer writer, List<?> values) {
        try {
            writer.write(Csv.line(values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

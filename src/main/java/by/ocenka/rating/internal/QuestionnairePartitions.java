package by.ocenka.rating.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

import by.ocenka.platform.Minsk;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The monthly partitions of {@code questionnaire} (V26): at start and then every few hours, the current month and the
 * {@code AHEAD} months after it exist, so that no questionnaire lands in the DEFAULT partition (a month created over
 * rows in DEFAULT would fail). Idempotent and safe with several instances: {@code CREATE ... IF NOT EXISTS} under an
 * advisory lock. Old months are detached by an operator (docs/OPERATIONS.md, "Old questionnaire months"), never here.
 */
@Component
public class QuestionnairePartitions {

    private static final Logger log = LoggerFactory.getLogger(QuestionnairePartitions.class);
    static final int AHEAD = 3;
    private static final long LOCK = 0x0CE4_0026L;

    private final DatabaseClient db;
    private final Clock clock;
    private Disposable loop;

    QuestionnairePartitions(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The partition table of a month: {@code questionnaire_y2026m11}. */
    public static String name(YearMonth month) {
        return "questionnaire_y%04dm%02d".formatted(month.getYear(), month.getMonthValue());
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        loop = Flux.interval(Duration.ZERO, Duration.ofHours(6))
                .onBackpressureDrop()
                .concatMap(tick -> ensure().onErrorResume(e -> {
                    log.warn("Questionnaire partitions not checked: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.dispose();
        }
    }

    /** Creates whichever of the months from this one to {@code AHEAD} after it are missing. */
    public Mono<Void> ensure() {
        return ensureFrom(YearMonth.from(Minsk.today(clock)));
    }

    /** Creates whichever months from {@code first} to {@code AHEAD} after this one are missing (a history loaded in). */
    public Mono<Void> ensureFrom(YearMonth first) {
        LocalDate month = first.atDay(1);
        long months = Math.max(0, ChronoUnit.MONTHS.between(first, YearMonth.from(Minsk.today(clock)))) + AHEAD;
        // One statement: the lock is the transaction's, and a DO block needs no round trip per month.
        return db.sql("""
                        DO $$
                        DECLARE
                            m DATE;
                            t TEXT;
                        BEGIN
                            PERFORM pg_advisory_xact_lock(%d);
                            -- Creating a partition locks the table: never wait long behind an export (ratings would
                            -- queue behind this); the next run, six hours on, tries again.
                            PERFORM set_config('lock_timeout', '2s', true);
                            FOR i IN 0..%d LOOP
                                m := DATE '%s' + make_interval(months => i);
                                t := 'questionnaire_y' || to_char(m, 'YYYY') || 'm' || to_char(m, 'MM');
                                IF to_regclass(t) IS NULL THEN
                                    -- One month failing (a lock, rows of it in DEFAULT) does not stop the others.
                                    BEGIN
                                        EXECUTE format('CREATE TABLE %%I PARTITION OF questionnaire FOR VALUES FROM (%%L) TO (%%L)',
                                                       t, m, m + interval '1 month');
                                        RAISE LOG 'questionnaire partition %% created', t;
                                    EXCEPTION WHEN OTHERS THEN
                                        RAISE WARNING 'questionnaire partition %% not created: %%', t, SQLERRM;
                                    END;
                                END IF;
                            END LOOP;
                        END $$""".formatted(LOCK, months, month))
                .then();
    }
}

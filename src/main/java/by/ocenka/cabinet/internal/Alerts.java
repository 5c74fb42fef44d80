package by.ocenka.cabinet.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.account.AccountEvents;
import by.ocenka.account.AccountService;
import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.MailOutbox;
import by.ocenka.platform.Minsk;
import by.ocenka.platform.PublicUrls;
import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import by.ocenka.rating.RatingRecords.QuestionnaireAccepted;
import by.ocenka.rating.SubtreeFigures;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Staff alerts: a mail for every questionnaire of the subtree at or under the chosen mean (sent by the instance that
 * accepted it, once; the organisations with such alerts and their highest mean are kept in memory, so a rating that
 * no alert can match costs no query; another instance's change is seen within 30 s), and a daily or weekly digest of the subtree's figures (each due digest claimed by one instance
 * with an atomic update, so many instances send it once). Mails are in Russian, the portal's default language.
 */
@Component
public class Alerts {

    /** An alert setting as the API takes and answers it: {@code maxMean} null for no mail per questionnaire. */
    @Schema(name = "AlertSetting")
    public record Setting(@Schema(nullable = true, description = "1–5; null: no mail per questionnaire")
                          BigDecimal maxMean,
                          @Schema(allowableValues = {"off", "daily", "weekly"}) String digest) {
    }

    /** The digests one can choose. */
    public static final List<String> DIGESTS = List.of("off", "daily", "weekly");

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final Locale MAIL_LOCALE = Locale.forLanguageTag("ru");

    private final DatabaseClient db;
    private final Organizations organizations;
    private final AccountService accounts;
    private final MailOutbox mail;
    private final MessageSource messages;
    private final PublicUrls urls;
    private final SubtreeFigures figures;
    private final Clock clock;
    private Disposable digests;
    /** Organisation → the highest {@code max_mean} of its alerts; reloaded every 30 s and after a change here. */
    private final ReactiveCache<Boolean, Map<Long, BigDecimal>> alerted;

    Alerts(DatabaseClient db, Organizations organizations, AccountService accounts, MailOutbox mail,
           MessageSource messages, PublicUrls urls, SubtreeFigures figures, Clock clock, ReactiveCaches caches) {
        this.alerted = caches.create("cabinet.alerted", new ReactiveCaches.Spec(Duration.ofSeconds(30), Duration.ofDays(1), 1),
                all -> db.sql("SELECT organization_id, max(max_mean) AS m FROM cabinet_alert WHERE max_mean IS NOT NULL GROUP BY 1")
                        .map(row -> Map.entry(row.get("organization_id", Long.class), row.get("m", BigDecimal.class)))
                        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue));
        this.db = db;
        this.organizations = organizations;
        this.accounts = accounts;
        this.mail = mail;
        this.messages = messages;
        this.urls = urls;
        this.figures = figures;
        this.clock = clock;
    }

    /** The user's setting (the same for every organisation they manage; off when never set). */
    public Mono<Setting> of(CurrentUser user) {
        return db.sql("SELECT max_mean, digest FROM cabinet_alert WHERE user_id = :user ORDER BY organization_id LIMIT 1")
                .bind("user", user.id())
                .map(row -> new Setting(row.get("max_mean", BigDecimal.class), row.get("digest", String.class)))
                .one()
                .defaultIfEmpty(new Setting(null, "off"));
    }

    /** Sets the user's alerts for every organisation they manage or answer for; 400 for a mean or digest out of range. */
    public Mono<Setting> set(CurrentUser user, Setting wanted) {
        if (wanted.maxMean() != null && (wanted.maxMean().compareTo(BigDecimal.ONE) < 0
                || wanted.maxMean().compareTo(BigDecimal.valueOf(5)) > 0)) {
            return Mono.error(ApiException.invalid("maxMean", "validation.range", 1, 5));
        }
        String digest = wanted.digest() == null ? "off" : wanted.digest();
        if (!DIGESTS.contains(digest)) {
            return Mono.error(ApiException.invalid("digest", "validation.digest"));
        }
        Setting setting = new Setting(wanted.maxMean(), digest);
        List<Long> organizationIds = user.staffOf();
        Mono<Void> clear = db.sql("DELETE FROM cabinet_alert WHERE user_id = :user AND NOT (organization_id = ANY(:orgs))")
                .bind("user", user.id()).bind("orgs", organizationIds.toArray(Long[]::new)).then();
        return clear.thenMany(Flux.fromIterable(organizationIds).concatMap(id -> {
                    DatabaseClient.GenericExecuteSpec spec = db.sql("""
                                    INSERT INTO cabinet_alert (user_id, organization_id, max_mean, digest, last_digest_at)
                                    VALUES (:user, :org, :maxMean, :digest, now())
                                    ON CONFLICT (user_id, organization_id)
                                    DO UPDATE SET max_mean = EXCLUDED.max_mean, digest = EXCLUDED.digest""")
                            .bind("user", user.id()).bind("org", id).bind("digest", setting.digest());
                    return (setting.maxMean() == null ? spec.bindNull("maxMean", BigDecimal.class)
                            : spec.bind("maxMean", setting.maxMean())).then();
                }))
                .then(Mono.fromRunnable(() -> alerted.invalidate(true)))
                .then(Mono.just(setting));
    }

    @EventListener
    void accepted(QuestionnaireAccepted accepted) {
        BigDecimal mean = BigDecimal.valueOf(accepted.mean());
        alerted.get(true)
                .filter(alerts -> !alerts.isEmpty())
                .flatMap(alerts -> organizations.ancestors(accepted.organizationId()).filter(lineage -> lineage.stream()
                        .anyMatch(id -> alerts.containsKey(id) && alerts.get(id).compareTo(mean) >= 0)))
                .flatMapMany(lineage -> db.sql("""
                                SELECT user_id, array_agg(organization_id) AS organizations FROM cabinet_alert
                                WHERE organization_id = ANY(:ancestors) AND max_mean IS NOT NULL AND max_mean >= :mean
                                GROUP BY user_id ORDER BY user_id""")
                        .bind("ancestors", lineage.toArray(Long[]::new)).bind("mean", mean)
                        .map(row -> Map.entry(row.get("user_id", Long.class), List.of(row.get("organizations", Long[].class))))
                        .all())
                .collectList()
                .filter(users -> !users.isEmpty())
                .flatMapMany(users -> organizations.names(List.of(accepted.organizationId())).flatMapMany(names -> Flux
                        .fromIterable(users)
                        // Checked at send time: only someone who still holds a role over the organisation is mailed.
                        .concatMap(alert -> accounts.user(alert.getKey())
                                .filter(user -> CabinetAccess.covers(user, alert.getValue(), Need.READ)))
                        .concatMap(user -> mail.queue(user.email(), text("mail.alert.subject", names.get(accepted.organizationId())),
                                text("mail.alert.body", names.get(accepted.organizationId()),
                                        String.format(Locale.ROOT, "%.2f", accepted.mean()),
                                        accepted.comment() == null ? "—" : accepted.comment(),
                                        urls.url("/cabinet/" + accepted.organizationId() + "#q" + accepted.questionnaireId()))))))
                .subscribe(null, e -> log.warn("Alert mails for questionnaire {} not queued: {}", accepted.questionnaireId(), e.toString()));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        digests = Flux.interval(Duration.ofMinutes(1), Duration.ofMinutes(15))
                .concatMap(tick -> sendDigests().onErrorResume(e -> {
                    log.warn("Digests not sent: {}", e.toString());
                    return Mono.just(0);
                }))
                .subscribe();
    }

    @PreDestroy
    void stop() {
        if (digests != null) {
            digests.dispose();
        }
    }

    /** Sends the digests that are due; answers how many. Each is claimed first, so one instance sends it. */
    public Mono<Integer> sendDigests() {
        return db.sql("""
                        UPDATE cabinet_alert SET last_digest_at = now()
                        WHERE (digest = 'daily' AND (last_digest_at IS NULL OR last_digest_at <= now() - interval '1 day'))
                           OR (digest = 'weekly' AND (last_digest_at IS NULL OR last_digest_at <= now() - interval '7 days'))
                        RETURNING user_id, organization_id, digest""")
                .map(row -> new Object[] {row.get("user_id", Long.class), row.get("organization_id", Long.class),
                        row.get("digest", String.class)})
                .all()
                .concatMap(claim -> digest((Long) claim[0], (Long) claim[1], "weekly".equals(claim[2]) ? 7 : 1))
                .count()
                .map(Long::intValue);
    }

    private Mono<Void> digest(long userId, long organizationId, int days) {
        LocalDate to = Minsk.today(clock);
        LocalDate from = to.minusDays(days - 1L);
        // Checked at send time: a digest whose recipient no longer holds a role there is dropped, not sent.
        Mono<CurrentUser> recipient = accounts.user(userId)
                .filter(user -> CabinetAccess.covers(user, List.of(organizationId), Need.READ))
                .switchIfEmpty(Mono.defer(() -> drop(userId, organizationId).then(Mono.empty())));
        return Mono.zip(recipient, organizations.names(List.of(organizationId)),
                        figures.of(organizationId, from, to))
                .flatMap(t -> mail.queue(t.getT1().email(), text("mail.digest.subject", t.getT2().get(organizationId)),
                        text("mail.digest.body", t.getT2().get(organizationId), from, to, t.getT3().n(),
                                t.getT3().score() == null ? "—" : t.getT3().score(),
                                t.getT3().replies().due() - t.getT3().replies().answered(),
                                t.getT3().replies().overdue(), urls.url("/cabinet/" + organizationId))));
    }

    /** A role taken away: the alerts and digests the user had for that organisation go with it. */
    @EventListener
    void roleRevoked(AccountEvents.RoleRevoked revoked) {
        drop(revoked.userId(), revoked.organizationId())
                .subscribe(null, e -> log.warn("Alerts of user {} for {} not dropped: {}", revoked.userId(),
                        revoked.organizationId(), e.toString()));
    }

    private Mono<Void> drop(long userId, long organizationId) {
        return db.sql("DELETE FROM cabinet_alert WHERE user_id = :user AND organization_id = :org")
                .bind("user", userId).bind("org", organizationId).then()
                .then(Mono.fromRunnable(() -> alerted.invalidate(true)));
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, MAIL_LOCALE);
    }
}

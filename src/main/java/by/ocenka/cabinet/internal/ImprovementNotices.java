package by.ocenka.cabinet.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import by.ocenka.account.AccountService;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.MailOutbox;
import by.ocenka.platform.PublicUrls;
import by.ocenka.rating.CommentThemes;
import by.ocenka.rating.Theme;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells the citizens who wrote of an improvement's theme in the 90 days before it took effect: one mail each, unless
 * they turned off the mail about their reviews, their account is gone, or the organisation told them of another
 * improvement in the last 30 days (so that publishing again and again cannot flood them). Each mail is queued in the
 * outbox in the transaction that records the notice, so a retry, a restart or a second instance never mails anyone
 * twice; a job every minute finishes the improvements whose mails a restart cut short.
 */
@Component
class ImprovementNotices {

    private static final Logger log = LoggerFactory.getLogger(ImprovementNotices.class);

    private final ImprovementRepository repository;
    private final CommentThemes themes;
    private final AccountService accounts;
    private final Organizations organizations;
    private final MailOutbox mail;
    private final TransactionalOperator transaction;
    private final MessageSource messages;
    private final PublicUrls urls;
    private Disposable loop;

    ImprovementNotices(ImprovementRepository repository, CommentThemes themes, AccountService accounts,
                       Organizations organizations, MailOutbox mail, TransactionalOperator transaction,
                       MessageSource messages, PublicUrls urls) {
        this.repository = repository;
        this.themes = themes;
        this.accounts = accounts;
        this.organizations = organizations;
        this.mail = mail;
        this.transaction = transaction;
        this.messages = messages;
        this.urls = urls;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        loop = Flux.interval(Duration.ofMinutes(1), Duration.ofMinutes(1))
                .onBackpressureDrop()
                .concatMap(tick -> repository.cutShort().concatMap(this::send).then()
                        .onErrorResume(e -> {
                            log.warn("Improvements' mails not finished: {}", e.toString());
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

    /** Mails the citizens of this improvement (if not done yet): how many were told. */
    Mono<Integer> send(long improvementId) {
        return repository.unmailed(improvementId).flatMap(this::send);
    }

    private Mono<Integer> send(ImprovementRepository.Unmailed improvement) {
        Theme theme = Theme.of(improvement.theme()).orElse(Theme.OTHER);
        Locale locale = Locale.forLanguageTag(improvement.language());
        return organizations.names(List.of(improvement.organizationId())).flatMap(names -> {
            String organization = names.getOrDefault(improvement.organizationId(), "");
            return themes.authors(improvement.organizationId(), theme,
                            improvement.effectiveOn().minusDays(CommentThemes.WINDOW_DAYS), improvement.effectiveOn())
                    .concatMap(userId -> tell(improvement, userId, organization, theme, locale)
                            .onErrorResume(e -> {
                                // One citizen's failure stops no one else's mail; the job tries them again.
                                log.warn("Improvement {}: citizen {} not told: {}", improvement.id(), userId, e.toString());
                                return Mono.empty();
                            }))
                    .then(Mono.defer(() -> repository.countNotified(improvement.id())));
        });
    }

    private Mono<Void> tell(ImprovementRepository.Unmailed improvement, long userId, String organization, Theme theme,
                            Locale locale) {
        return accounts.mailOnReply(userId).filter(wanted -> wanted)
                .flatMap(wanted -> accounts.user(userId))
                .filter(author -> !author.email().endsWith("@invalid")) // a deleted account keeps no address
                .flatMap(author -> repository.claimNotice(improvement.id(), userId, improvement.organizationId())
                        .filter(claimed -> claimed)
                        .flatMap(claimed -> mail.queue(author.email(),
                                messages.getMessage("mail.improvement.subject", new Object[] {organization}, locale),
                                messages.getMessage("mail.improvement.body", new Object[] {author.displayName(), organization,
                                        messages.getMessage(theme.messageKey(), null, locale), improvement.title(),
                                        improvement.text(), urls.url("/o/" + improvement.organizationId() + "#improvements"),
                                        urls.url("/account#notifications")}, locale)))
                        .as(transaction::transactional))
                .then();
    }
}

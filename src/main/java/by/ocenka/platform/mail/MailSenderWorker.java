package by.ocenka.platform.mail;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends the outbox over SMTP every few seconds, on bounded-elastic (JavaMail blocks). Present only when SMTP is
 * configured ({@code spring.mail.host}); in the local run mode mail stays in the outbox for {@code /dev/mail}.
 * Logs name the message id, never its text (it may hold a token).
 */
@Component
@ConditionalOnExpression("'${spring.mail.host:}' != ''")
class MailSenderWorker {

    private static final Logger log = LoggerFactory.getLogger(MailSenderWorker.class);

    private final MailStore outbox;
    private final JavaMailSender sender;
    private final MailProperties properties;
    private Disposable loop;

    MailSenderWorker(MailStore outbox, JavaMailSender sender, MailProperties properties) {
        this.outbox = outbox;
        this.sender = sender;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        loop = Flux.interval(Duration.ZERO, properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sendDue().onErrorResume(e -> {
                    log.warn("Mail outbox poll failed: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    Mono<Void> sendDue() {
        return outbox.claimDue(20)
                .flatMapMany(Flux::fromIterable)
                .concatMap(mail -> Mono.fromRunnable(() -> {
                            SimpleMailMessage message = new SimpleMailMessage();
                            message.setFrom(properties.from());
                            message.setTo(mail.to());
                            message.setSubject(mail.subject());
                            message.setText(mail.text());
                            sender.send(message);
                        })
                        .subscribeOn(Schedulers.boundedElastic())
                        .then(outbox.sent(mail.id()))
                        .onErrorResume(e -> {
                            log.warn("Mail {} not sent, will retry: {}", mail.id(), e.getClass().getSimpleName());
                            return outbox.failed(mail.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
                        }))
                .then();
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.dispose();
        }
    }
}

package by.ocenka.rating.internal;

import java.time.Duration;

import by.ocenka.account.AccountEvents;
import by.ocenka.rating.RatingRecords;
import org.springframework.context.ApplicationEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Keeps the names questionnaires are signed with in step with their authors' accounts: a rename re-signs them, a
 * deleted account leaves them anonymous. Spring subscribes to the returned {@code Mono} after the account change.
 */
@Component
class AuthorNames {

    private static final Logger log = LoggerFactory.getLogger(AuthorNames.class);

    private final QuestionnaireRepository questionnaires;
    private final ApplicationEventPublisher changes;

    AuthorNames(QuestionnaireRepository questionnaires, ApplicationEventPublisher changes) {
        this.questionnaires = questionnaires;
        this.changes = changes;
    }

    @EventListener
    Mono<Void> renamed(AccountEvents.Renamed event) {
        return sign(event.userId(), event.displayName());
    }

    @EventListener
    Mono<Void> deleted(AccountEvents.Deleted event) {
        return sign(event.userId(), null);
    }

    private Mono<Void> sign(long userId, String name) {
        return questionnaires.signAs(userId, name).collectList()
                .retryWhen(Retry.backoff(5, Duration.ofMillis(200)))
                // Their reviews read differently now: what instances keep of those organisations is out of date.
                .doOnNext(organizations -> organizations.forEach(id ->
                        changes.publishEvent(new RatingRecords.OrganizationRated(id, true))))
                .doOnError(e -> log.error("Questionnaires of user {} not re-signed: {}", userId, e.toString()))
                .onErrorResume(e -> Mono.empty())
                .then();
    }
}

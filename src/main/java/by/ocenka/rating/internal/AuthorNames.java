package by.ocenka.rating.internal;

import java.time.Duration;

import by.ocenka.account.AccountEvents;
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

    AuthorNames(QuestionnaireRepository questionnaires) {
        this.questionnaires = questionnaires;
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
        return questionnaires.signAs(userId, name)
                .retryWhen(Retry.backoff(5, Duration.ofMillis(200)))
                .doOnError(e -> log.error("Questionnaires of user {} not re-signed: {}", userId, e.toString()))
                .onErrorResume(e -> Mono.empty())
                .then();
    }
}

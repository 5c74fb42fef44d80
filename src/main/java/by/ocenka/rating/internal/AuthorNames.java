package by.ocenka.rating.internal;

import java.time.Duration;

import by.ocenka.account.AccountEvents;
import by.ocenka.rating.RatingRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Keeps the names questionnaires are signed with in step with their authors' accounts: a rename re-signs them, a
 * deleted account or the choice of anonymous reviews leaves them unsigned. Spring subscribes to the returned
 * {@code Mono} after the account change. Public reviews show the signature shortened ({@link #publicForm}).
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
        return sign(event.userId(), event.signature());
    }

    @EventListener
    Mono<Void> deleted(AccountEvents.Deleted event) {
        return sign(event.userId(), null);
    }

    /** "Анна Ковалёва" as the public sees it: "Анна К." (first name and the next word's initial). */
    static String publicForm(String signature) {
        if (signature == null || signature.isBlank()) {
            return null;
        }
        String[] words = signature.strip().split("\\s+");
        return words.length == 1 ? words[0] : words[0] + " " + words[1].codePoints().limit(1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + ".";
    }

    private Mono<Void> sign(long userId, String name) {
        return questionnaires.signAs(userId, name).collectList()
                .retryWhen(Retry.backoff(5, Duration.ofMillis(200)))
                // Their reviews read differently now: what instances keep of those organisations is out of date.
                .doOnNext(organizations -> organizations.forEach(id ->
                        changes.publishEvent(new RatingRecords.FiguresChanged(id))))
                .doOnError(e -> log.error("Questionnaires of user {} not re-signed: {}", userId, e.toString()))
                .onErrorResume(e -> Mono.empty())
                .then();
    }
}

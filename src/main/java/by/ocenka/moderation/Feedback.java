package by.ocenka.moderation;

import java.time.OffsetDateTime;
import java.util.Locale;

import by.ocenka.moderation.internal.FeedbackRepository;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.MailOutbox;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Messages to the portal's support: anyone writes one (a topic, the text, an address for the answer if they want
 * one); moderators work the queue oldest first, and an answer is mailed to the address in the same transaction.
 */
@Service
public class Feedback {

    /** In JSON as in forms: lower case ({@code question}, …). */
    public enum Topic {
        QUESTION, PROBLEM, IDEA, ORGANIZATION, OTHER;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Topic of(String code) {
            Topic topic = topic(code);
            if (topic == null) {
                throw new IllegalArgumentException("unknown topic");
            }
            return topic;
        }
    }

    public enum Status { NEW, ANSWERED, CLOSED }

    /** What a visitor sends. */
    @Schema(example = "{\"topic\": \"problem\", \"text\": \"Не открывается карта\", \"email\": \"anna@example.by\"}")
    public record Message(@NotNull Topic topic, @NotBlank @Size(max = 4000) String text,
                          @Schema(nullable = true) @Email @Size(max = 254) String email) {
    }

    /** A moderator's answer. */
    public record Answer(@NotBlank @Size(max = 4000) String text) {
    }

    /** A message as the queue shows it. */
    @Schema(name = "FeedbackMessage")
    public record View(long id, Topic topic, String text, @Schema(nullable = true) String email, Status status,
                       @Schema(nullable = true) String answer, OffsetDateTime createdAt,
                       @Schema(nullable = true) OffsetDateTime answeredAt) {
    }

    private final FeedbackRepository repository;
    private final MailOutbox mail;
    private final MessageSource messages;
    private final TransactionalOperator transaction;

    Feedback(FeedbackRepository repository, MailOutbox mail, MessageSource messages, TransactionalOperator transaction) {
        this.repository = repository;
        this.mail = mail;
        this.messages = messages;
        this.transaction = transaction;
    }

    /** Stores the message; {@code userId} when the writer is signed in, else null. */
    public Mono<View> send(Message message, Long userId) {
        String email = message.email() == null || message.email().isBlank() ? null : message.email().strip();
        return repository.insert(message.topic(), message.text().strip(), email, userId);
    }

    /** The queue, oldest first (new messages by default). */
    public Mono<Page<View>> queue(Status status, PageRequest page) {
        return repository.byStatus(status == null ? Status.NEW : status, page);
    }

    /**
     * Answers a message once and mails the answer to its address (if it gave one); 404 unknown, 409 already answered
     * or closed; 400 for an empty or too long answer (whoever calls: the API validates, the page does not).
     */
    public Mono<View> answer(long id, Answer answer, long moderatorId, Locale locale) {
        if (answer.text() == null || answer.text().isBlank()) {
            return Mono.error(ApiException.invalid("text", "validation.required"));
        }
        if (answer.text().length() > 4000) {
            return Mono.error(ApiException.invalid("text", "validation.tooLong", 4000));
        }
        return repository.answer(id, answer.text().strip(), moderatorId)
                .switchIfEmpty(Mono.defer(() -> repository.byId(id)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("feedback-not-found", id)))
                        .flatMap(found -> Mono.error(new ApiException(HttpStatus.CONFLICT,
                                "feedback-answered")))))
                .flatMap(answered -> answered.email() == null ? Mono.just(answered)
                        : mail.queue(answered.email(), messages.getMessage("mail.feedback.subject", null, locale),
                                // Not the sender's own text: the address was not checked, and the portal must not
                                // relay what an anonymous sender wrote to whoever owns it.
                                messages.getMessage("mail.feedback.body", new Object[] {String.valueOf(answered.id()),
                                        answered.answer()}, locale)).thenReturn(answered))
                .as(transaction::transactional);
    }

    /** Closes a message without an answer (spam, a duplicate); 404 unknown, 409 not new. */
    public Mono<View> close(long id, long moderatorId) {
        return repository.close(id, moderatorId)
                .switchIfEmpty(Mono.defer(() -> repository.byId(id)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("feedback-not-found", id)))
                        .flatMap(found -> Mono.error(new ApiException(HttpStatus.CONFLICT,
                                "feedback-answered")))));
    }

    /** The topic a form names ({@code question}, …), or null. */
    public static Topic topic(String value) {
        try {
            return value == null ? null : Topic.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

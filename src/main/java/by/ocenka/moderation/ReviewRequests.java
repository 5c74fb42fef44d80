package by.ocenka.moderation;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

import by.ocenka.moderation.internal.DecisionMail;
import by.ocenka.moderation.internal.ReviewRequestRepository;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.QuestionnaireModeration;
import by.ocenka.rating.SubtreeQuestionnaires;
import by.ocenka.rating.SubtreeRecords.StaffQuestionnaire;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An organisation's staff ask the moderators to review a questionnaire they believe is not genuine (the cabinet checks
 * that it is in their subtree, then calls {@link #submit}); a moderator takes it out of the count and out of sight
 * (upholds) or keeps it (dismisses), answering in words either way; the staff member is mailed and the cabinet shows
 * the answer beside the questionnaire.
 */
@Service
public class ReviewRequests {

    public enum Status { PENDING, UPHELD, DISMISSED }

    /** A request as the staff and the moderators read it. */
    @Schema(name = "ReviewRequest")
    public record View(long id, long questionnaireId, long organizationId, long userId, String reason, Status status,
                       @Schema(nullable = true) String answer, OffsetDateTime createdAt,
                       @Schema(nullable = true) OffsetDateTime decidedAt) {
    }

    /** A pending request with the questionnaire it is about, for the moderators' queue. */
    public record Queued(View request, StaffQuestionnaire questionnaire) {
    }

    private final ReviewRequestRepository requests;
    private final SubtreeQuestionnaires questionnaires;
    private final QuestionnaireModeration moderation;
    private final DecisionMail mail;
    private final TransactionalOperator transaction;

    ReviewRequests(ReviewRequestRepository requests, SubtreeQuestionnaires questionnaires,
                   QuestionnaireModeration moderation, DecisionMail mail, TransactionalOperator transaction) {
        this.requests = requests;
        this.questionnaires = questionnaires;
        this.moderation = moderation;
        this.mail = mail;
        this.transaction = transaction;
    }

    /** 201; 400 for a reason shorter than 3 or longer than 2,000 characters; 409 when one is open already. */
    public Mono<View> submit(long userId, StaffQuestionnaire questionnaire, String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.length() < 3 || text.length() > 2000) {
            return Mono.error(ApiException.invalid("reason", "validation.range", 3, 2000));
        }
        return requests.insert(questionnaire.id(), questionnaire.organizationId(), userId, text)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.CONFLICT, "review-requested", questionnaire.id())));
    }

    /** The newest request about each of these questionnaires. */
    public Mono<Map<Long, View>> latest(Collection<Long> questionnaireIds) {
        return questionnaireIds.isEmpty() ? Mono.just(Map.of()) : requests.latest(questionnaireIds);
    }

    public Mono<Page<Queued>> queue(PageRequest page) {
        return requests.byStatus(Status.PENDING, page).flatMap(found -> Flux.fromIterable(found.items())
                .concatMap(request -> questionnaires.one(request.questionnaireId()).map(q -> new Queued(request, q)))
                .collectList()
                .map(items -> new Page<>(items, found.page(), found.size(), found.total())));
    }

    /** Takes the questionnaire out of the count and out of sight, and answers; 409 when decided already. */
    public Mono<View> uphold(long id, long moderatorId, String answer, Locale locale) {
        return decide(id, moderatorId, Status.UPHELD, answer, locale);
    }

    /** Keeps the questionnaire as it is, and answers why; 409 when decided already. */
    public Mono<View> dismiss(long id, long moderatorId, String answer, Locale locale) {
        return decide(id, moderatorId, Status.DISMISSED, answer, locale);
    }

    private Mono<View> decide(long id, long moderatorId, Status status, String answer, Locale locale) {
        String text = answer == null ? "" : answer.strip();
        if (text.length() < 3 || text.length() > 2000) {
            return Mono.error(ApiException.invalid("answer", "validation.range", 3, 2000));
        }
        return requests.find(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("request-not-found", id)))
                .flatMap(request -> request.status() != Status.PENDING ? Mono.error(decided(id))
                        : requests.decide(id, moderatorId, status, text)
                                .switchIfEmpty(Mono.error(() -> decided(id)))
                                .flatMap(decided -> (status == Status.UPHELD ? moderation.hide(request.questionnaireId()).then()
                                        : Mono.<Void>empty())
                                        .then(mail.tell(request.userId(), locale, "mail.review.subject",
                                                status == Status.UPHELD ? "mail.review.upheld" : "mail.review.dismissed",
                                                request.questionnaireId(), text))
                                        .thenReturn(decided))
                                .as(transaction::transactional));
    }

    private static ApiException decided(long id) {
        return new ApiException(HttpStatus.CONFLICT, "request-decided", id);
    }
}

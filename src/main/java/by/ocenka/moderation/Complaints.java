package by.ocenka.moderation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.moderation.internal.ComplaintRepository;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Digests;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.QuestionnaireModeration;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Comment moderation in the open: anyone flags a published comment with a reason (once per comment, per account or
 * per address); an organisation's staff may ask for a review the same way (marked as theirs; they cannot hide
 * anything); moderators hide the comment with a reason code — the author sees it, the scores keep counting — or
 * dismiss the flag; the monthly figures (flags, hidden by reason, dismissed, median handling time) are public.
 */
@Service
public class Complaints {

    public enum Status { OPEN, UPHELD, DISMISSED }

    /** A flag as anyone sends it. */
    @Schema(example = "{\"reason\": \"personal-data\", \"text\": \"В отзыве телефон сотрудника\"}")
    public record Flag(@NotBlank @Size(max = 16) String reason,
                       @Schema(nullable = true) @Size(max = 1000) String text) {
    }

    /** A moderator's decision to hide: the reason code the author will see. */
    public record Decision(@NotBlank @Size(max = 16) String reason) {
    }

    /** A flag in the queue, with the comment it is about (null once hidden). */
    @Schema(name = "Complaint")
    public record View(long id, long questionnaireId, long organizationId, String reason,
                       @Schema(nullable = true) String text, boolean fromOrganization, Status status,
                       @Schema(nullable = true) String decision, OffsetDateTime createdAt,
                       @Schema(nullable = true) OffsetDateTime decidedAt, @Schema(nullable = true) String comment) {
    }

    /** One month's moderation, as published. */
    @Schema(name = "ModerationMonth")
    public record MonthFigures(String month, long complaints, long fromOrganizations, Map<String, Long> hiddenByReason,
                               long dismissed, long open, @Schema(nullable = true) Double medianHours) {
    }

    private final ComplaintRepository repository;
    private final QuestionnaireModeration comments;
    Complaints(ComplaintRepository repository, QuestionnaireModeration comments) {
        this.repository = repository;
        this.comments = comments;
    }

    /**
     * Flags a published comment: 201; 400 unknown reason; 404 no shown comment with that id; 409 this account (or, for
     * a visitor not signed in, this address) already flagged it.
     */
    public Mono<View> flag(long questionnaireId, Flag flag, CurrentUser user, String clientAddress) {
        if (!QuestionnaireModeration.COMMENT_REASONS.contains(flag.reason())) {
            return Mono.error(ApiException.invalid("reason", "validation.unknown"));
        }
        String reporter = user != null ? "user:" + user.id() : "address:" + Digests.sha256Hex(clientAddress);
        boolean staff = user != null && (user.has(Role.ORG_ADMIN) || user.has(Role.ORG_RESPONDER));
        String text = flag.text() == null || flag.text().isBlank() ? null : flag.text().strip();
        return comments.publishedComment(questionnaireId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("comment-not-found", questionnaireId)))
                .flatMap(comment -> repository.insert(questionnaireId, comment.organizationId(), flag.reason(), text,
                                reporter, staff)
                        .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.CONFLICT, "already-flagged")))
                        .map(view -> withComment(view, comment.comment())));
    }

    /** The flags of a status (OPEN by default), oldest first, each with its comment while it is shown. */
    public Mono<Page<View>> queue(Status status, PageRequest page) {
        return repository.byStatus(status == null ? Status.OPEN : status, page).flatMap(found -> Flux
                .fromIterable(found.items())
                .concatMap(view -> comments.publishedComment(view.questionnaireId())
                        .map(c -> withComment(view, c.comment()))
                        .defaultIfEmpty(view))
                .collectList()
                .map(items -> new Page<>(items, found.page(), found.size(), found.total())));
    }

    /**
     * Hides the flagged comment for a reason; every open flag of that comment is upheld. 404, 409 when decided. Not one
     * transaction: the comment is hidden (and the pages that show it forget it) once that is committed; should the
     * flags' update fail after it, they stay open and a moderator dismisses them.
     */
    public Mono<View> hide(long complaintId, Decision decision, long moderatorId) {
        if (decision.reason() == null || !QuestionnaireModeration.COMMENT_REASONS.contains(decision.reason())) {
            return Mono.error(ApiException.invalid("reason", "validation.unknown"));
        }
        return open(complaintId)
                .flatMap(complaint -> comments.hideComment(complaint.questionnaireId(), decision.reason())
                        .then(repository.decideAll(complaint.questionnaireId(), Status.UPHELD, decision.reason(), moderatorId))
                        .then(repository.byId(complaintId)));
    }

    /** Dismisses a flag: the comment stays. 404, 409 when decided. */
    public Mono<View> dismiss(long complaintId, long moderatorId) {
        return open(complaintId)
                .flatMap(complaint -> repository.decide(complaintId, Status.DISMISSED, null, moderatorId))
                .then(repository.byId(complaintId));
    }

    /** Shows a hidden comment again (a moderator's mistake, or the author's appeal). */
    public Mono<Void> restore(long questionnaireId) {
        return comments.hideComment(questionnaireId, null);
    }

    /** The last twelve months' moderation figures, newest first. */
    public Mono<List<MonthFigures>> figures() {
        return repository.figures(Set.copyOf(QuestionnaireModeration.COMMENT_REASONS));
    }

    private Mono<View> open(long complaintId) {
        return repository.byId(complaintId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("complaint-not-found", complaintId)))
                .flatMap(found -> found.status() == Status.OPEN ? Mono.just(found)
                        : Mono.error(new ApiException(HttpStatus.CONFLICT, "complaint-decided")));
    }

    private static View withComment(View view, String comment) {
        return new View(view.id(), view.questionnaireId(), view.organizationId(), view.reason(), view.text(),
                view.fromOrganization(), view.status(), view.decision(), view.createdAt(), view.decidedAt(), comment);
    }
}

package by.ocenka.cabinet.internal;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.moderation.ReviewRequests;
import by.ocenka.platform.ApiException;
import by.ocenka.rating.SubtreeQuestionnaires;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Staff ask the moderators to review a questionnaire of their subtree they believe is not genuine: the scope is checked
 * here, once, and the request filed with the moderators ({@link ReviewRequests}).
 */
@Service
public class QuestionnaireReviews {

    private final CabinetAccess access;
    private final SubtreeQuestionnaires questionnaires;
    private final ReviewRequests requests;

    QuestionnaireReviews(CabinetAccess access, SubtreeQuestionnaires questionnaires, ReviewRequests requests) {
        this.access = access;
        this.questionnaires = questionnaires;
        this.requests = requests;
    }

    /** 201; 400 for the reason; 403 outside the scope; 404 unknown questionnaire; 409 one is open already. */
    public Mono<ReviewRequests.View> request(CurrentUser staff, long questionnaireId, String reason) {
        return Mono.fromCallable(() -> Callers.staff(staff)).then(questionnaires.one(questionnaireId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("questionnaire-not-found", questionnaireId)))
                .flatMap(q -> access.check(staff, q.organizationId(), Need.READ)
                        .then(requests.submit(staff.id(), q, reason)));
    }
}

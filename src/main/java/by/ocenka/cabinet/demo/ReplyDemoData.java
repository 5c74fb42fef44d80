package by.ocenka.cabinet.demo;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import by.ocenka.cabinet.internal.ReplyRepository;
import by.ocenka.cabinet.internal.ReplyRepository.NewReply;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.DemoDataSet;
import by.ocenka.rating.SubtreeQuestionnaires;
import by.ocenka.rating.SubtreeRecords.StaffQuestionnaire;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Official replies on part of the demo history: about three in five of the questionnaires that ask for one (those
 * with a comment) older than two days, answered within four days, signed with the organisation's name.
 */
@Component
class ReplyDemoData implements DemoDataSet {

    private static final String[] TEXTS = {
        "Спасибо за отзыв. Мы разобрались в ситуации и приняли меры.",
        "Благодарим за оценку. Ваше замечание передано руководителю подразделения.",
        "Приносим извинения за неудобства. График приёма изменён, чтобы сократить очередь.",
        "Спасибо! Нам важно ваше мнение, будем рады видеть вас снова."};
    private static final String AUTHOR = "Служба по работе с обращениями";

    private final ReplyRepository replies;
    private final SubtreeQuestionnaires questionnaires;
    private final Organizations organizations;
    private final TransactionalOperator transaction;

    ReplyDemoData(ReplyRepository replies, SubtreeQuestionnaires questionnaires, Organizations organizations,
                  TransactionalOperator transaction) {
        this.replies = replies;
        this.questionnaires = questionnaires;
        this.organizations = organizations;
        this.transaction = transaction;
    }

    @Override
    public String name() {
        return "replies";
    }

    @Override
    public int order() {
        return 250; // after the questionnaires (200)
    }

    @Override
    public Mono<Boolean> isLoaded() {
        return Mono.zip(replies.any(), questionnaires.newestId()).map(t -> t.getT1() || t.getT2() == 0);
    }

    @Override
    public Mono<Void> load() {
        return questionnaires.askingForReply(OffsetDateTime.now().minusDays(2))
                .filter(q -> q.id() % 5 < 3)
                .buffer(5_000)
                .concatMap(batch -> organizations.names(batch.stream().map(StaffQuestionnaire::organizationId)
                                .distinct().toList())
                        .flatMap(names -> {
                            List<NewReply> answers = batch.stream().map(q -> new NewReply(q.id(), q.organizationId(),
                                    names.getOrDefault(q.organizationId(), ""), TEXTS[(int) (q.id() % 4)], 0, AUTHOR,
                                    q.createdAt().plusHours(2 + q.id() % 94))).toList();
                            Map<Long, OffsetDateTime> moments = answers.stream()
                                    .collect(Collectors.toMap(NewReply::questionnaireId, NewReply::createdAt));
                            return replies.insertAll(answers).then(questionnaires.markReplied(moments))
                                    .as(transaction::transactional);
                        }), 1)
                // Most authors said whether the reply helped, most of them that it did.
                .then(replies.markDemoFeedback());
    }
}

package by.ocenka.rating.demo;

import java.util.List;

import by.ocenka.catalog.Organizations;
import by.ocenka.platform.DemoDataSet;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Official replies on part of the demo history: about three in five of the questionnaires that ask for one (a comment
 * or a mean under 3) and are older than two days, answered within four days, signed with the organisation's name.
 */
@Component
class ReplyDemoData implements DemoDataSet {

    private static final String[] TEXTS = {
        "Спасибо за отзыв. Мы разобрались в ситуации и приняли меры.",
        "Благодарим за оценку. Ваше замечание передано руководителю подразделения.",
        "Приносим извинения за неудобства. График приёма изменён, чтобы сократить очередь.",
        "Спасибо! Нам важно ваше мнение, будем рады видеть вас снова."};

    private final DatabaseClient db;
    private final Organizations organizations;

    ReplyDemoData(DatabaseClient db, Organizations organizations) {
        this.db = db;
        this.organizations = organizations;
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
        return db.sql("SELECT EXISTS (SELECT 1 FROM questionnaire_reply) OR NOT EXISTS (SELECT 1 FROM questionnaire) AS found")
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    @Override
    public Mono<Void> load() {
        return db.sql("SELECT DISTINCT organization_id FROM questionnaire WHERE comment IS NOT NULL OR mean < 3")
                .map(row -> row.get("organization_id", Long.class)).all().collectList()
                .flatMap(organizations::names)
                .flatMap(names -> {
                    List<Long> ids = List.copyOf(names.keySet());
                    return db.sql("""
                                    INSERT INTO questionnaire_reply (questionnaire_id, organization_id, organization_name, text,
                                                                     author_id, author_name, created_at)
                                    SELECT q.id, q.organization_id, n.name, (CAST(:texts AS text[]))[1 + q.id % 4], 0,
                                           'Служба по работе с обращениями', q.created_at + make_interval(hours => (2 + q.id % 94)::int)
                                    FROM questionnaire q JOIN unnest(CAST(:ids AS bigint[]), CAST(:names AS text[])) AS n(id, name) ON n.id = q.organization_id
                                    WHERE (q.comment IS NOT NULL OR q.mean < 3) AND q.id % 5 < 3
                                      AND q.created_at < now() - interval '2 days'""")
                            .bind("texts", TEXTS).bind("ids", ids.toArray(Long[]::new))
                            .bind("names", ids.stream().map(names::get).toArray(String[]::new))
                            .then();
                });
    }
}

package by.ocenka.cabinet.demo;

import java.util.List;
import java.util.Map;

import by.ocenka.cabinet.CabinetRecords.ReplyTemplate;
import by.ocenka.cabinet.internal.ReplyTemplateRepository;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.DemoDataSet;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reply templates of the demo's executive committees: the Minsk oblast's (which its districts inherit) and the
 * Borisov district's own, so that a demo admin finds both kinds in the reply box.
 */
@Component
class ReplyTemplateDemoData implements DemoDataSet {

    private static final Map<String, List<ReplyTemplate>> TEMPLATES = Map.of(
            "Минский областной исполнительный комитет", List.of(
                    new ReplyTemplate(null, "Благодарность",
                            "Спасибо за высокую оценку! Коллектив организации «{organization}» рад, что смог вам помочь."),
                    new ReplyTemplate(null, "Замечание принято",
                            "Благодарим за отзыв. Ваше замечание {date} передано руководителю организации «{organization}», "
                                    + "о принятых мерах сообщим в ответе здесь же.")),
            "Борисовский районный исполнительный комитет", List.of(
                    new ReplyTemplate(null, "Очередь",
                            "Приносим извинения за ожидание. С {date} приём по этим вопросам ведут два специалиста, "
                                    + "а записаться можно заранее по телефону."),
                    new ReplyTemplate(null, "Уточнить обстоятельства",
                            "Просим связаться с нами по телефону, указанному на странице организации: чтобы разобраться, "
                                    + "нам нужно знать дату и суть вашего вопроса.")));

    private final ReplyTemplateRepository templates;
    private final Organizations organizations;

    ReplyTemplateDemoData(ReplyTemplateRepository templates, Organizations organizations) {
        this.templates = templates;
        this.organizations = organizations;
    }

    @Override
    public String name() {
        return "reply templates";
    }

    @Override
    public int order() {
        return 310; // after the catalogue and the staff
    }

    @Override
    public Mono<Boolean> isLoaded() {
        return templates.any();
    }

    @Override
    public Mono<Void> load() {
        return organizations.idsByName(List.copyOf(TEMPLATES.keySet()))
                .flatMapMany(ids -> Flux.fromIterable(TEMPLATES.entrySet()).filter(e -> ids.containsKey(e.getKey()))
                        .concatMap(e -> templates.replace(ids.get(e.getKey()), e.getValue(), 0)))
                .then();
    }
}

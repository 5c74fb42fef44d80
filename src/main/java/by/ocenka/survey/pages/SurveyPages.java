package by.ocenka.survey.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import by.ocenka.account.CurrentUser;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ClientAddress;
import by.ocenka.platform.Languages;
import by.ocenka.survey.SurveyBrowsers;
import by.ocenka.survey.SurveyProblem;
import by.ocenka.survey.SurveyRecords.Question;
import by.ocenka.survey.Surveys;
import by.ocenka.web.PageController;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The polls as pages: the list, answering (no account needed), and the results with a chart and a table. */
@PageController
class SurveyPages {

    private final Surveys surveys;
    /** The results as JSON for the chart (ECharts reads them from a data attribute: no inline script). */
    private final JsonMapper json;

    SurveyPages(Surveys surveys, JsonMapper json) {
        this.surveys = surveys;
        this.json = json;
    }

    @GetMapping("/polls")
    Mono<Rendering> list(ServerWebExchange exchange) {
        String language = Languages.of(exchange).getLanguage();
        return surveys.surveys(true, language).map(all -> Rendering.view("survey/surveys").modelAttribute("polls", all).build());
    }

    @GetMapping("/polls/{id}")
    Mono<Rendering> poll(@PathVariable long id, ServerWebExchange exchange) {
        String language = Languages.of(exchange).getLanguage();
        return surveys.survey(id, language).map(poll -> !poll.open()
                ? Rendering.redirectTo("/polls/" + id + "/results").build()
                : Rendering.view("survey/survey").modelAttribute("poll", poll).modelAttribute("error", null).build());
    }

    /** The form's answers: radio buttons and checkboxes name the question ({@code q.{id}}), a text area too. */
    @PostMapping("/polls/{id}")
    Mono<Rendering> answer(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return Mono.zip(exchange.getFormData(), surveys.survey(id, locale.getLanguage()),
                        CurrentUser.of(exchange).map(u -> Optional.of(u.id())).defaultIfEmpty(Optional.empty()))
                .flatMap(t -> surveys.respond(id, answers(t.getT1(), t.getT2().questions()), SurveyBrowsers.token(exchange),
                                t.getT3().orElse(null), ClientAddress.client(exchange))
                        .thenReturn(Rendering.redirectTo("/polls/" + id + "/results?answered=1").build())
                        .onErrorResume(ApiException.class, e -> e.is(SurveyProblem.SURVEY_ANSWERED) || e.is(SurveyProblem.SURVEY_CLOSED)
                                ? Mono.just(Rendering.redirectTo("/polls/" + id + "/results?" + e.code()).build())
                                : Mono.just(Rendering.view("survey/survey").modelAttribute("poll", t.getT2())
                                        .modelAttribute("error", e.code()).status(e.status()).build())));
    }

    @GetMapping("/polls/{id}/results")
    Mono<Rendering> results(@PathVariable long id, ServerWebExchange exchange) {
        String language = Languages.of(exchange).getLanguage();
        return Mono.zip(surveys.survey(id, language), surveys.results(id, language))
                .map(t -> Rendering.view("survey/survey-results").modelAttribute("poll", t.getT1()).modelAttribute("results", t.getT2())
                        .modelAttribute("resultsJson", json.writeValueAsString(t.getT2()))
                        .modelAttribute("answered", exchange.getRequest().getQueryParams().containsKey("answered"))
                        .modelAttribute("already", exchange.getRequest().getQueryParams().containsKey(SurveyProblem.SURVEY_ANSWERED.code()))
                        .build());
    }

    private static Map<String, Object> answers(MultiValueMap<String, String> form, List<Question> questions) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Question question : questions) {
            List<String> values = form.get("q." + question.id());
            if (values == null || values.isEmpty()) {
                continue;
            }
            if (question.kind().equals("text")) {
                if (!values.get(0).isBlank()) {
                    answers.put(String.valueOf(question.id()), values.get(0));
                }
            } else {
                answers.put(String.valueOf(question.id()), new ArrayList<>(values));
            }
        }
        return answers;
    }
}

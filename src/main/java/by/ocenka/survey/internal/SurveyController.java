package by.ocenka.survey.internal;

import java.util.List;
import java.util.Locale;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.platform.ClientAddress;
import by.ocenka.survey.SurveyBrowsers;
import by.ocenka.survey.SurveyRecords.NewSurvey;
import by.ocenka.survey.SurveyRecords.Response;
import by.ocenka.survey.SurveyRecords.Results;
import by.ocenka.survey.SurveyRecords.Survey;
import by.ocenka.survey.Surveys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Polls over HTTP: the open ones, a response, the results (JSON and CSV), and the moderators' side. */
@RestController
@Tag(name = "Polls")
class SurveyController {

    record Created(long id) {
    }

    private final Surveys surveys;

    SurveyController(Surveys surveys) {
        this.surveys = surveys;
    }

    @GetMapping("/api/v1/surveys")
    @Operation(summary = "The open polls with their questions and options, in the request's language")
    Mono<List<Survey>> open(Locale locale) {
        return surveys.surveys(false, locale.getLanguage());
    }

    @PostMapping("/api/v1/surveys/{id}/responses")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Answer a poll {answers: {questionId: [optionId] or text}}: 201, no login needed; 409 this browser "
            + "or account already answered; 410 closed; 429 too many from one address; 400 an answer that does not fit")
    @ApiResponse(responseCode = "409", description = "This browser or account answered this poll already")
    @ApiResponse(responseCode = "410", description = "The poll is closed")
    Mono<Created> respond(@PathVariable long id, @Valid @RequestBody Response response,
                          @AuthenticationPrincipal CurrentUser user, ServerWebExchange exchange) {
        return surveys.respond(id, response.answers(), SurveyBrowsers.token(exchange), user == null ? null : user.id(),
                ClientAddress.client(exchange)).map(Created::new);
    }

    @GetMapping("/api/v1/surveys/{id}/results")
    @Operation(summary = "A poll's results: responses, and per question each option's count and share (percent)")
    Mono<Results> results(@PathVariable long id, Locale locale) {
        return surveys.results(id, locale.getLanguage());
    }

    @GetMapping("/api/v1/surveys/{id}/results.csv")
    @Operation(summary = "A poll's results as CSV (question, option, count, share)")
    @ApiResponse(responseCode = "200", description = "The results, as an attachment",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    Mono<ResponseEntity<String>> resultsCsv(@PathVariable long id, Locale locale) {
        return surveys.resultsCsv(id, locale.getLanguage()).map(csv -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"poll-" + id + ".csv\"").body(csv));
    }

    @PostMapping("/api/v1/moderation/surveys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a poll {title: {ru, be, en}, description?, opensAt?, closesAt, questions: [{kind: "
            + "single,multiple,text, text, options: [{ru, be, en}]}]} (moderators)")
    Mono<Created> create(@Valid @RequestBody NewSurvey survey, @AuthenticationPrincipal CurrentUser moderator) {
        Callers.moderator(moderator);
        return surveys.create(survey, moderator.id()).map(Created::new);
    }

    @PostMapping("/api/v1/moderation/surveys/{id}/close")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Close a poll now: 204; 404; 409 closed already (moderators)")
    @ApiResponse(responseCode = "409", description = "The poll is closed already")
    Mono<Void> close(@AuthenticationPrincipal CurrentUser caller, @PathVariable long id) {
        Callers.moderator(caller);
        return surveys.close(id);
    }
}

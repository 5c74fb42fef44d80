package by.ocenka.rating.pages;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.account.CurrentUser;
import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import by.ocenka.catalog.CatalogService;
import by.ocenka.catalog.PosterSource;
import by.ocenka.platform.ApiException;
import by.ocenka.rating.PosterSources;
import by.ocenka.rating.RatingProblem;
import by.ocenka.rating.RatingRecords.RatingAccepted;
import by.ocenka.rating.RatingRecords.RatingRequest;
import by.ocenka.rating.RatingSubmission;
import by.ocenka.web.ProblemTexts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/**
 * The rating form's answers: sent for a signed-in citizen (the thanks page, or the form again with each reason next
 * to its field and everything typed kept), or checked before a visitor signs in.
 */
@Component
class RatingForm {

    static final String RATE = "rating/rate";
    static final String RATED = "rating/rated";

    private final CatalogService catalog;
    private final RatingSubmission submission;
    private final ProblemTexts problems;
    private final PosterSources sources;

    RatingForm(CatalogService catalog, RatingSubmission submission, ProblemTexts problems, PosterSources sources) {
        this.sources = sources;
        this.catalog = catalog;
        this.submission = submission;
        this.problems = problems;
    }

    /**
     * The answers' problems by field (criterion codes for scores) before anyone is signed in, the form's own checks
     * (the date) first; empty when they can be sent.
     */
    Mono<Map<String, String>> check(long id, FormValues values, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate serviceDate = null;
        if (!values.serviceDate().isBlank()) {
            try {
                serviceDate = LocalDate.parse(values.serviceDate().strip());
            } catch (DateTimeParseException e) {
                errors.put("serviceDate", problems.text("validation.format", new Object[0], locale));
            }
        }
        RatingRequest request = values.request(serviceDate);
        return submission.problems(id, request).map(found -> {
            ApiException invalid = ApiException.invalid(found);
            problems.fieldMessages(invalid, locale).forEach((field, message) ->
                    errors.putIfAbsent(field.startsWith("scores.") ? field.substring("scores.".length()) : field, message));
            return errors;
        });
    }

    /** Sends the questionnaire for the signed-in citizen: the thanks page, or the form again with the reasons. */
    Mono<Rendering> submit(CurrentUser user, long id, Map<String, String> form, Locale locale, String clientAddress) {
        FormValues values = FormValues.of(form);
        Map<String, String> formatErrors = new LinkedHashMap<>();
        LocalDate serviceDate = null;
        if (values.serviceDate() != null && !values.serviceDate().isBlank()) {
            try {
                serviceDate = LocalDate.parse(values.serviceDate().strip());
            } catch (DateTimeParseException e) {
                formatErrors.put("serviceDate", problems.text("validation.format", new Object[0], locale));
            }
        }
        if (!formatErrors.isEmpty()) {
            return catalog.organization(id, locale).map(org -> formView(org, values, formatErrors, null, false, false)
                    .status(HttpStatus.BAD_REQUEST).build());
        }
        RatingRequest request = values.request(serviceDate);
        // The thanks page is a page of its own: a reload (phones restore tabs) shows it again, it sends nothing twice.
        return submission.submit(user, id, request, clientAddress)
                .doOnNext(accepted -> sources.rated(id, values.source()))
                .map(accepted -> Rendering.redirectTo("/o/" + id + "/rated/" + accepted.id()).build())
                .onErrorResume(e -> catalog.organization(id, locale).map(org -> failed(org, values, e, locale)));
    }

    /** The thanks page of a questionnaire: its mean (or that it waits for a check) and the organisation's figures now. */
    static Rendering rated(OrganizationDetail org, RatingAccepted accepted) {
        return Rendering.view(RATED).modelAttribute("org", org).modelAttribute("accepted", accepted).build();
    }

    private Rendering failed(OrganizationDetail org, FormValues values, Throwable e, Locale locale) {
        if (e instanceof ApiException api && api.status() == HttpStatus.BAD_REQUEST && !api.fieldErrors().isEmpty()) {
            Map<String, String> fields = new LinkedHashMap<>();
            problems.fieldMessages(api, locale).forEach((field, message) ->
                    fields.put(field.startsWith("scores.") ? field.substring("scores.".length()) : field, message));
            return formView(org, values, fields, problems.text("page.rate.fix", new Object[0], locale), false, false)
                    .status(HttpStatus.BAD_REQUEST).build();
        }
        if (e instanceof ApiException api && api.is(RatingProblem.DAILY_LIMIT)) {
            return formView(org, values, Map.of(), null, true, false).status(HttpStatus.CONFLICT).build();
        }
        HttpStatus status;
        String message;
        if (e instanceof ApiException api) {
            status = api.status();
            message = problems.problem(api, locale).getDetail();
        } else {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            message = problems.text("page.rate.unavailable", new Object[0], locale);
        }
        if (status == HttpStatus.NOT_FOUND) {
            throw (ApiException) e;
        }
        return formView(org, values, Map.of(), message, false, false).status(status).build();
    }

    Rendering.Builder<?> formView(OrganizationDetail org, FormValues values, Map<String, String> errors,
                                         String error, boolean ratedToday, boolean restored) {
        return Rendering.view(RATE)
                .modelAttribute("org", org)
                .modelAttribute("values", values)
                .modelAttribute("errors", errors)
                .modelAttribute("error", error)
                .modelAttribute("ratedToday", ratedToday)
                .modelAttribute("nextDay", submission.nextRatingDay().toLocalDate())
                .modelAttribute("restored", restored)
                .modelAttribute("today", submission.nextRatingDay().toLocalDate().minusDays(1));
    }

    /** What the form holds: the scores by criterion and the optional fields, as typed. */
    record FormValues(Map<String, Integer> scores, String serviceName, String serviceDate, String comment, String email,
                      String serviceId, String employee, String source) {

        static FormValues empty() {
            return new FormValues(Map.of(), "", "", "", "", "", "", "");
        }

        /** A form opened from a poster's link: its service picked, its label kept for the count of ratings sent. */
        static FormValues fromLink(String service, String source) {
            String label = PosterSource.label(source);
            return new FormValues(Map.of(), "", "", "", "", service != null && service.matches("[0-9]{1,18}") ? service : "",
                    "", label == null ? "" : label);
        }

        /** The request these answers make: a service picked from the list wins over one typed in. */
        RatingRequest request(LocalDate serviceDate) {
            Long picked = serviceId.matches("[0-9]{1,18}") ? Long.valueOf(serviceId) : null;
            return new RatingRequest(scores, picked == null ? serviceName : null, serviceDate, comment, picked, employee);
        }

        /** Whether this service of the list is the one picked. */
        public boolean picked(long id) {
            return serviceId.equals(String.valueOf(id));
        }

        static FormValues of(Map<String, String> form) {
            Map<String, Integer> scores = new LinkedHashMap<>();
            form.forEach((name, value) -> {
                if (name.startsWith("score.") && value != null) {
                    try {
                        scores.put(name.substring("score.".length()), Integer.parseInt(value.strip()));
                    } catch (NumberFormatException ignored) {
                        // Left out: the service names the missing score.
                    }
                }
            });
            return new FormValues(scores, form.getOrDefault("serviceName", ""), form.getOrDefault("serviceDate", ""),
                    form.getOrDefault("comment", ""), form.getOrDefault("email", ""), form.getOrDefault("serviceId", ""),
                    form.getOrDefault("employee", ""), form.getOrDefault("source", ""));
        }

        public boolean chose(String code, int score) {
            Integer chosen = scores.get(code);
            return chosen != null && chosen == score;
        }
    }
}

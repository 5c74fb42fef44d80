package by.ocenka.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import by.ocenka.account.CurrentUser;
import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import by.ocenka.catalog.CatalogService;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.PageRequest;
import by.ocenka.platform.Sessions;
import by.ocenka.rating.RatingRecords.RatingAccepted;
import by.ocenka.rating.RatingRecords.RatingRequest;
import by.ocenka.rating.Rankings;
import by.ocenka.rating.RatingSubmission;
import by.ocenka.rating.Replies;
import by.ocenka.rating.Reviews;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The organisation's page and its rating form (the QR code's target). */
@Controller
class OrganizationPages {

    static final String ORGANIZATION = "organization";
    static final String RATE = "rate";
    static final String RATED = "rated";

    /** The questionnaire a citizen filled in before logging in, kept in the session until the form shows it again. */
    /** The answers of visitors not logged in yet, by organisation: the last few only, the known fields only. */
    private static final String DRAFTS = "ocenka.rating-drafts";
    private static final int DRAFTS_PER_SESSION = 3;
    private static final int MAX_SCORES = 20;
    private static final java.util.regex.Pattern SCORE_FIELD = java.util.regex.Pattern.compile("score\\.[A-Z][A-Z0-9_]{1,31}");
    private static final java.util.regex.Pattern SCORE_VALUE = java.util.regex.Pattern.compile("[1-5]");
    private final by.ocenka.catalog.Organizations organizations;
    /** Tells the form that the session holds a draft, so that it reads the session only then. */
    private static final String DRAFT_COOKIE = "ocenka-draft";

    private static final int TREND_MONTHS = 12;

    private final CatalogService catalog;
    private final RatingSubmission submission;
    private final Reviews reviews;
    private final Rankings rankings;
    private final ProblemTexts problems;
    private final Replies replies;

    OrganizationPages(CatalogService catalog, RatingSubmission submission, Reviews reviews, Rankings rankings,
                      ProblemTexts problems, Replies replies, by.ocenka.catalog.Organizations organizations) {
        this.organizations = organizations;
        this.replies = replies;
        this.catalog = catalog;
        this.submission = submission;
        this.reviews = reviews;
        this.rankings = rankings;
        this.problems = problems;
    }

    /**
     * Everything on the page comes with it in one answer (the trend is drawn on the server as SVG): a phone on a slow
     * network makes one request for the data, and the queries behind it do not grow with the comments shown.
     */
    @GetMapping("/o/{id}")
    Mono<Rendering> organization(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = PageModel.locale(exchange);
        return catalog.organization(id, locale).flatMap(org -> Mono.zip(
                        reviews.latest(id, 10),
                        reviews.trend(id, TREND_MONTHS),
                        rankings.previousRanks(id),
                        org.childrenCount() > 0 ? catalog.children(id, new PageRequest(0, 12), locale).map(p -> p.items())
                                : Mono.just(List.<by.ocenka.catalog.CatalogRecords.OrganizationSummary>of()),
                        replies.publicFigures(id))
                .map(t -> {
                    Map<String, Integer> changes = new HashMap<>();
                    org.ranks().forEach((scope, rank) -> {
                        Integer before = t.getT3().get(scope);
                        if (before != null && rank != null) {
                            changes.put(scope, before - rank);
                        }
                    });
                    return Rendering.view(ORGANIZATION)
                            .modelAttribute("org", org)
                            .modelAttribute("reviews", t.getT1())
                            .modelAttribute("trend", Sparkline.of(t.getT2()))
                            .modelAttribute("rankChanges", changes)
                            .modelAttribute("children", t.getT4())
                            .modelAttribute("replyFigures", t.getT5())
                            .build();
                }));
    }

    /** The form, or why the citizen cannot rate now (not logged in, not confirmed, already rated today). */
    @GetMapping("/o/{id}/rate")
    Mono<Rendering> form(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = PageModel.locale(exchange);
        Mono<Optional<Map<String, String>>> restored = !exchange.getRequest().getCookies().containsKey(DRAFT_COOKIE)
                ? Mono.just(Optional.empty())
                : Sessions.existing(exchange)
                .map(session -> Optional.ofNullable(takeDraft(session, id)))
                .defaultIfEmpty(Optional.empty())
                .doOnNext(draft -> exchange.getResponse().addCookie(
                        ResponseCookie.from(DRAFT_COOKIE, "").path("/").maxAge(0).build()));
        return Mono.zip(catalog.organization(id, locale), restored,
                        PageModel.currentUser(exchange).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(t -> {
                    OrganizationDetail org = t.getT1();
                    Map<String, String> draft = t.getT2().orElse(null);
                    FormValues values = draft == null ? FormValues.empty() : FormValues.of(draft);
                    CurrentUser user = t.getT3().orElse(null);
                    Boolean templateRated = exchange.getAttribute(PublicReadCache.TEMPLATE_RATED_TODAY);
                    Mono<Boolean> rated = templateRated != null ? Mono.just(templateRated)
                            : user == null ? Mono.just(false) : submission.ratedToday(user.id(), id);
                    return rated.map(already -> formView(org, values, Map.of(), null, already, draft != null).build());
                });
    }

    /**
     * Sends the questionnaire. Not logged in: the answers wait in the session while the citizen logs in or registers,
     * and the form comes back filled in. Errors come back next to their fields, with everything typed kept.
     */
    @PostMapping("/o/{id}/rate")
    Mono<Rendering> rate(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = PageModel.locale(exchange);
        return exchange.getFormData().flatMap(form -> PageModel.currentUser(exchange)
                .flatMap(user -> submit(user, id, form, locale))
                .switchIfEmpty(Mono.defer(() -> keepDraft(id, form, exchange))));
    }

    /** The drafts by organisation id, oldest first; the ids are text, as JSON keeps a map's keys in the session. */
    @SuppressWarnings("unchecked")
    private static java.util.LinkedHashMap<String, Map<String, String>> drafts(org.springframework.web.server.WebSession session) {
        Object stored = session.getAttributes().get(DRAFTS);
        return stored instanceof Map<?, ?> map ? new java.util.LinkedHashMap<>((Map<String, Map<String, String>>) map)
                : new java.util.LinkedHashMap<>();
    }

    private static Map<String, String> takeDraft(org.springframework.web.server.WebSession session, long id) {
        java.util.LinkedHashMap<String, Map<String, String>> drafts = drafts(session);
        Map<String, String> draft = drafts.remove(String.valueOf(id));
        if (draft != null) {
            session.getAttributes().put(DRAFTS, drafts);
        }
        return draft;
    }

    /**
     * Keeps the answers while the visitor logs in: for an organisation that exists, only the form's own fields within
     * their limits, and the last three organisations' drafts per session (Redis keeps sessions, and it must not fill).
     */
    private Mono<Rendering> keepDraft(long id, MultiValueMap<String, String> form, ServerWebExchange exchange) {
        return organizations.isActive(id).flatMap(active -> {
            if (!active) {
                return Mono.error(ApiException.notFound("organization-not-found", id));
            }
            Map<String, String> draft = draftOf(form);
            exchange.getResponse().addCookie(ResponseCookie.from(DRAFT_COOKIE, "1").path("/").httpOnly(true).sameSite("Lax").build());
            return exchange.getSession()
                    .doOnNext(session -> {
                        java.util.LinkedHashMap<String, Map<String, String>> drafts = drafts(session);
                        drafts.remove(String.valueOf(id));
                        drafts.put(String.valueOf(id), draft);
                        while (drafts.size() > DRAFTS_PER_SESSION) {
                            drafts.remove(drafts.keySet().iterator().next());
                        }
                        session.getAttributes().put(DRAFTS, drafts);
                    })
                    .thenReturn(Rendering.redirectTo("/login?next=/o/" + id + "/rate&reason=rate").build());
        });
    }

    static Map<String, String> draftOf(MultiValueMap<String, String> form) {
        HashMap<String, String> draft = new HashMap<>();
        form.toSingleValueMap().forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (SCORE_FIELD.matcher(name).matches() && SCORE_VALUE.matcher(value.strip()).matches()
                    && draft.size() < MAX_SCORES) {
                draft.put(name, value.strip());
            } else if (name.equals("serviceName") || name.equals("comment")) {
                int limit = name.equals("comment") ? 2000 : 200;
                draft.put(name, value.length() > limit ? value.substring(0, limit) : value);
            } else if (name.equals("serviceDate") && value.length() <= 10) {
                draft.put(name, value);
            }
        });
        return draft;
    }

    private Mono<Rendering> submit(CurrentUser user, long id, MultiValueMap<String, String> form, Locale locale) {
        FormValues values = FormValues.of(form.toSingleValueMap());
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
        RatingRequest request = new RatingRequest(values.scores(), values.serviceName(), serviceDate, values.comment());
        return submission.submit(user, id, request)
                .flatMap(accepted -> catalog.organization(id, locale).map(org -> rated(org, accepted)))
                .onErrorResume(e -> catalog.organization(id, locale).map(org -> failed(org, values, e, locale)));
    }

    private static Rendering rated(OrganizationDetail org, RatingAccepted accepted) {
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
        if (e instanceof ApiException api && "daily-limit".equals(api.code())) {
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

    private Rendering.Builder<?> formView(OrganizationDetail org, FormValues values, Map<String, String> errors,
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
    record FormValues(Map<String, Integer> scores, String serviceName, String serviceDate, String comment) {

        static FormValues empty() {
            return new FormValues(Map.of(), "", "", "");
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
                    form.getOrDefault("comment", ""));
        }

        public boolean chose(String code, int score) {
            Integer chosen = scores.get(code);
            return chosen != null && chosen == score;
        }
    }
}

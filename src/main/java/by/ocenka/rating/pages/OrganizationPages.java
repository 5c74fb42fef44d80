package by.ocenka.rating.pages;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.SignInByCode;
import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import by.ocenka.catalog.CatalogService;
import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.PosterSource;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ClientAddress;
import by.ocenka.platform.Languages;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.CommentThemes;
import by.ocenka.rating.HeldQuestionnaires;
import by.ocenka.rating.PublishedImprovements;
import by.ocenka.rating.Theme;
import by.ocenka.rating.Rankings;
import by.ocenka.rating.RatingRecords;
import by.ocenka.rating.RatingSubmission;
import by.ocenka.rating.ReplyShares;
import by.ocenka.rating.Reviews;
import by.ocenka.web.PageController;
import by.ocenka.web.PageForms;
import by.ocenka.web.ProblemTexts;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The organisation's page and its rating form (the QR code's target). */
@PageController
class OrganizationPages {

    static final String ORGANIZATION = "rating/organization";
    /** What a browser's e-mail field accepts: something, an @, something with a dot. */

    private final Organizations organizations;

    private static final int TREND_MONTHS = 12;
    /** The themes the page names, the most spoken of first ("other" is not one of them). */
    private static final int TOP_THEMES = 5;

    private final CatalogService catalog;
    private final RatingSubmission submission;
    private final Reviews reviews;
    private final Rankings rankings;
    private final ProblemTexts problems;
    private final ReplyShares replies;
    private final RatingForm form;
    private final SignInByCode signIn;
    private final MailedDrafts mailed;
    private final HeldQuestionnaires held;
    private final CommentThemes themes;
    private final ObjectProvider<PublishedImprovements> improvements;

    OrganizationPages(CatalogService catalog, RatingSubmission submission, Reviews reviews, Rankings rankings,
                      ProblemTexts problems, ReplyShares replies, Organizations organizations,
                      RatingForm form, SignInByCode signIn, HeldQuestionnaires held, MailedDrafts mailed,
                      CommentThemes themes, ObjectProvider<PublishedImprovements> improvements) {
        this.themes = themes;
        this.improvements = improvements;
        this.mailed = mailed;
        this.held = held;
        this.form = form;
        this.signIn = signIn;
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
        Locale locale = Languages.of(exchange);
        return catalog.organization(id, locale).flatMap(org -> Mono.zip(
                        reviews.latest(id, 10),
                        reviews.trend(id, TREND_MONTHS),
                        rankings.previousRanks(id),
                        org.childrenCount() > 0 ? catalog.children(id, new PageRequest(0, 12), locale).map(p -> p.items())
                                : Mono.just(List.<OrganizationSummary>of()),
                        replies.of(id),
                        rankings.sizes(org.sphere().id(), org.region().id(), org.district() == null ? null : org.district().id(),
                                org.parent() == null ? null : org.parent().id()),
                        held.figures(id))
                .zipWith(Mono.zip(themes.ofOrganization(id, null, null).map(list -> list.stream()
                                        .filter(f -> f.theme() != Theme.OTHER).limit(TOP_THEMES).toList()),
                        improvements.getIfAvailable(() -> PublishedImprovements.NONE).of(id)))
                .map(all -> {
                    var t = all.getT1();
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
                            .modelAttribute("trend", Sparkline.of(t.getT2(), locale))
                            .modelAttribute("rankTotals", t.getT6())
                            .modelAttribute("rankLinks", RankingLinks.of(org))
                            .modelAttribute("minForRank", rankings.minForRank())
                            .modelAttribute("rankChanges", changes)
                            .modelAttribute("children", t.getT4())
                            .modelAttribute("replyFigures", t.getT5())
                            .modelAttribute("held", t.getT7())
                            .modelAttribute("themes", all.getT2().getT1())
                            .modelAttribute("improvements", all.getT2().getT2())
                            .modelAttribute("windowDays", CommentThemes.WINDOW_DAYS)
                            .build();
                }));
    }

    /** The form, or why the citizen cannot rate now (not confirmed, already rated today). */
    @GetMapping("/o/{id}/rate")
    Mono<Rendering> form(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        Mono<Optional<Map<String, String>>> restored = RatingDrafts.take(exchange, id).map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        return Mono.zip(catalog.organization(id, locale), restored,
                        CurrentUser.of(exchange).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(t -> {
                    OrganizationDetail org = t.getT1();
                    Map<String, String> draft = t.getT2().orElse(null);
                    var query = exchange.getRequest().getQueryParams();
                    RatingForm.FormValues values = draft != null ? RatingForm.FormValues.of(draft)
                            : RatingForm.FormValues.fromLink(query.getFirst(PosterSource.SERVICE_PARAMETER),
                                    query.getFirst(PosterSource.PARAMETER));
                    CurrentUser user = t.getT3().orElse(null);
                    Mono<Boolean> rated = user == null ? Mono.just(false) : submission.ratedToday(user.id(), id);
                    return rated.map(already -> form.formView(org, values, Map.of(), null, already, draft != null).build());
                });
    }

    /**
     * Sends the questionnaire. Not signed in: with an e-mail address the answers are checked, kept in the session and
     * a code is mailed (the code page signs in and sends them); without one they wait while the citizen logs in or
     * registers, and the form comes back filled in. Errors come back next to their fields, with everything typed kept.
     */
    @PostMapping("/o/{id}/rate")
    Mono<Rendering> rate(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(data -> CurrentUser.of(exchange)
                .flatMap(user -> form.submit(user, id, data.toSingleValueMap(), locale,
                        ClientAddress.of(exchange)))
                .switchIfEmpty(Mono.defer(() -> data.containsKey("email") && !data.containsKey("login") ? signInByCode(id, data, exchange, locale)
                        : keepDraft(id, data, exchange))));
    }

    /**
     * The thanks after a rating, where the form's POST leads: the citizen's own questionnaire with the organisation's
     * figures as they are now. Someone else's, or another organisation's, is not found; a visitor is asked to sign in.
     */
    @GetMapping("/o/{id}/rated/{questionnaireId}")
    Mono<Rendering> rated(@PathVariable long id, @PathVariable long questionnaireId, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return CurrentUser.of(exchange)
                .flatMap(user -> reviews.mine(user.id(), questionnaireId)
                        .filter(own -> own.organizationId() == id)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("questionnaire-not-found", questionnaireId)))
                        .flatMap(own -> catalog.organization(id, locale).map(org -> RatingForm.rated(org,
                                new RatingRecords.RatingAccepted(own.id(), id, own.mean(), own.createdAt(),
                                        new RatingRecords.OrganizationFigures(org.score(), org.ratingsCount(),
                                                org.satisfaction()), "HELD".equals(own.status()))))))
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo(
                        "/login?next=/o/" + id + "/rated/" + questionnaireId).build()));
    }

    /** Keeps the answers while the visitor logs in or registers, for an organisation that exists. */
    private Mono<Rendering> keepDraft(long id, MultiValueMap<String, String> data, ServerWebExchange exchange) {
        return organizations.isActive(id).flatMap(active -> !active
                ? Mono.error(ApiException.notFound("organization-not-found", id))
                : RatingDrafts.keep(exchange, id, data)
                        .thenReturn(Rendering.redirectTo("/login?next=/o/" + id + "/rate&reason=rate").build()));
    }

    /**
     * The quick way in: answers that can be sent wait in the session, a code goes to the address, and the code page
     * opens; otherwise the form again with each problem next to its field (the address too).
     */
    private Mono<Rendering> signInByCode(long id, MultiValueMap<String, String> data, ServerWebExchange exchange,
                                         Locale locale) {
        RatingForm.FormValues values = RatingForm.FormValues.of(data.toSingleValueMap());
        String email = values.email().strip();
        return form.check(id, values, locale).flatMap(errors -> {
            Map<String, String> all = new LinkedHashMap<>(errors);
            if (!PageForms.looksLikeAnEmail(email)) {
                all.put("email", problems.text(email.isEmpty() ? "validation.required" : "validation.email",
                        new Object[0], locale));
            }
            if (!all.isEmpty()) {
                return catalog.organization(id, locale).map(org -> form.formView(org, values, all, null, false, false)
                        .status(HttpStatus.BAD_REQUEST).build());
            }
            String next = "/o/" + id + "/rate";
            return RatingDrafts.keep(exchange, id, data)
                    .then(mailed.keep(email, id, RatingDrafts.draftOf(data)))
                    .then(signIn.start(exchange, email, next, locale))
                    .map(page -> Rendering.redirectTo(page).build());
        });
    }
}

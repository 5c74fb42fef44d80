package by.ocenka.moderation.pages;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.PageGate;
import by.ocenka.moderation.Complaints;
import by.ocenka.moderation.Feedback;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.platform.Minsk;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.HeldQuestionnaires;
import by.ocenka.rating.QuestionnaireModeration;
import by.ocenka.survey.SurveyRecords;
import by.ocenka.survey.Surveys;
import by.ocenka.web.PageController;
import by.ocenka.web.ProblemTexts;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The moderators' desk as pages, one tab per queue: held bursts (fair play), flagged comments, messages to support and
 * polls. Every action is a plain form (works without JavaScript) that comes back to its tab with what was done; the
 * same services as the moderation API decide, so a page and an API call can never disagree.
 */
@PageController
class ModerationPages {

    static final String MODERATION = "moderation/moderation";
    static final List<String> TABS = List.of("held", "complaints", "feedback", "polls");
    private static final int PAGE_SIZE = 20;

    private final HeldQuestionnaires held;
    private final QuestionnaireModeration questionnaires;
    private final Complaints complaints;
    private final Feedback feedback;
    private final Surveys surveys;
    private final ProblemTexts problems;
    private final Clock clock;

    ModerationPages(HeldQuestionnaires held, QuestionnaireModeration questionnaires, Complaints complaints,
                    Feedback feedback, Surveys surveys, ProblemTexts problems, Clock clock) {
        this.clock = clock;
        this.held = held;
        this.questionnaires = questionnaires;
        this.complaints = complaints;
        this.feedback = feedback;
        this.surveys = surveys;
        this.problems = problems;
    }

    @GetMapping("/moderation")
    Mono<Rendering> desk(@RequestParam(required = false) String tab, @RequestParam(required = false) Long organization,
                         @RequestParam(required = false) String reason, @RequestParam(required = false) Integer page,
                         @RequestParam(required = false) String done, ServerWebExchange exchange) {
        String chosen = tab != null && TABS.contains(tab) ? tab : "held";
        String language = Languages.of(exchange).getLanguage();
        return moderator(exchange, "/moderation", user -> {
            Mono<Map<String, Object>> content = switch (chosen) {
                case "complaints" -> complaints.queue(Complaints.Status.OPEN, PageRequest.of(page, PAGE_SIZE))
                        .map(p -> Map.<String, Object>of("complaints", p));
                case "feedback" -> feedback.queue(Feedback.Status.NEW, PageRequest.of(page, PAGE_SIZE))
                        .map(p -> Map.<String, Object>of("messages", p));
                case "polls" -> surveys.surveys(true, language).map(list -> Map.<String, Object>of("polls", list));
                default -> held.groups().flatMap(groups -> organization == null || reason == null
                        ? Mono.just(Map.<String, Object>of("groups", groups))
                        : held.held(organization, reason, PageRequest.of(page, 50)).map(items -> Map.<String, Object>of(
                                "groups", groups, "items", items, "organization", organization, "reason", reason)));
            };
            return content.map(model -> view(chosen, done, model, Map.of(), PollForm.EMPTY).build());
        });
    }

    @PostMapping("/moderation/held/{organization}/{reason}/{decision}")
    Mono<Rendering> decideBurst(@PathVariable long organization, @PathVariable String reason, @PathVariable String decision,
                                ServerWebExchange exchange) {
        return moderator(exchange, "/moderation", user -> switch (decision) {
            case "release" -> held.releaseAll(organization, reason).map(n -> back("held", "released", n));
            case "reject" -> held.rejectAll(organization, reason).map(n -> back("held", "rejected", n));
            default -> Mono.error(ApiException.notFound("page-not-found", decision));
        });
    }

    @PostMapping("/moderation/questionnaires/{id}/{decision}")
    Mono<Rendering> decideOne(@PathVariable long id, @PathVariable String decision, ServerWebExchange exchange) {
        return moderator(exchange, "/moderation", user -> (switch (decision) {
            case "release" -> questionnaires.release(id);
            case "reject" -> questionnaires.reject(id);
            default -> Mono.<Void>error(ApiException.notFound("page-not-found", decision));
        }).thenReturn(back("held", decision.equals("release") ? "released" : "rejected", 1))
                .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.CONFLICT
                        ? Mono.just(back("held", "already", 0)) : Mono.error(e)));
    }

    @PostMapping("/moderation/complaints/{id}/{decision}")
    Mono<Rendering> decideComplaint(@PathVariable long id, @PathVariable String decision, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> moderator(exchange, "/moderation?tab=complaints", user -> {
            Mono<?> decided = switch (decision) {
                case "hide" -> complaints.hide(id, new Complaints.Decision(form.getFirst("reason")), user.id());
                case "dismiss" -> complaints.dismiss(id, user.id());
                default -> Mono.error(ApiException.notFound("page-not-found", decision));
            };
            return decided.thenReturn(back("complaints", decision.equals("hide") ? "hidden" : "dismissed", 1))
                    .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.CONFLICT
                            ? Mono.just(back("complaints", "already", 0)) : Mono.error(e));
        }));
    }

    @PostMapping("/moderation/feedback/{id}/{decision}")
    Mono<Rendering> decideMessage(@PathVariable long id, @PathVariable String decision, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> moderator(exchange, "/moderation?tab=feedback", user -> {
            Mono<?> decided = switch (decision) {
                case "answer" -> feedback.answer(id, new Feedback.Answer(text(form, "text")), user.id(), locale);
                case "close" -> feedback.close(id, user.id());
                default -> Mono.error(ApiException.notFound("page-not-found", decision));
            };
            return decided.thenReturn(back("feedback", decision.equals("answer") ? "answered" : "closed", 1))
                    .onErrorResume(ApiException.class, e -> switch (e.status().value()) {
                        case 409 -> Mono.just(back("feedback", "already", 0));
                        case 400 -> Mono.just(back("feedback", "empty", 0));
                        default -> Mono.error(e);
                    });
        }));
    }

    @PostMapping("/moderation/polls/{id}/close")
    Mono<Rendering> closePoll(@PathVariable long id, ServerWebExchange exchange) {
        return moderator(exchange, "/moderation?tab=polls", user -> surveys.close(id).thenReturn(back("polls", "closed", 1)));
    }

    /** A poll of one question from the page (polls of several questions are created through the API). */
    @PostMapping("/moderation/polls")
    Mono<Rendering> createPoll(ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> moderator(exchange, "/moderation?tab=polls", user -> {
            PollForm poll = PollForm.of(form);
            List<ApiException.FieldProblem> found = poll.problems(Minsk.today(clock));
            Map<String, String> errors = found.isEmpty() ? Map.of() : problems.fieldMessages(ApiException.invalid(found), locale);
            if (!errors.isEmpty()) {
                return surveys.surveys(true, locale.getLanguage()).map(list -> view("polls", null,
                        Map.of("polls", list), errors, poll).status(HttpStatus.BAD_REQUEST).build());
            }
            return surveys.create(poll.survey(), user.id()).thenReturn(back("polls", "created", 1));
        }));
    }

    /** The page for a moderator; a visitor not signed in goes to the login page, anyone else gets 403. */
    /** The page for a moderator (or the portal admin); 403 for anyone else, the login page for a visitor. */
    static Mono<Rendering> moderator(ServerWebExchange exchange, String here, Function<CurrentUser, Mono<Rendering>> page) {
        return PageGate.moderator(exchange, here, page);
    }

    private static Rendering back(String tab, String done, long count) {
        return Rendering.redirectTo("/moderation?tab=" + tab + "&done=" + done + (count > 1 ? "-" + count : "")).build();
    }

    private static Rendering.Builder<?> view(String tab, String done, Map<String, Object> model, Map<String, String> errors,
                                             PollForm poll) {
        Rendering.Builder<?> view = Rendering.view(MODERATION).modelAttribute("tab", tab).modelAttribute("tabs", TABS)
                .modelAttribute("errors", errors).modelAttribute("poll", poll)
                .modelAttribute("commentReasons", QuestionnaireModeration.COMMENT_REASONS.stream().sorted().toList());
        if (done != null && done.matches("[a-z]+(-\\d+)?")) {
            String[] parts = done.split("-");
            view.modelAttribute("done", parts[0]).modelAttribute("doneCount", parts.length > 1 ? Long.parseLong(parts[1]) : 1L);
        }
        model.forEach(view::modelAttribute);
        return view;
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value.strip();
    }

    /** The one-question poll form, as typed (kept when it comes back with errors). */
    record PollForm(String titleRu, String titleBe, String titleEn, String description, String closes, String kind,
                    String question, String options) {

        static final PollForm EMPTY = new PollForm("", "", "", "", "", "single", "", "");

        static PollForm of(MultiValueMap<String, String> form) {
            return new PollForm(text(form, "titleRu"), text(form, "titleBe"), text(form, "titleEn"),
                    text(form, "description"), text(form, "closes"), text(form, "kind"), text(form, "question"),
                    text(form, "options"));
        }

        List<String> optionLines() {
            return options.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        }

        /** What is wrong with the poll, field by field in the form's order; empty when it can be created. */
        List<ApiException.FieldProblem> problems(LocalDate today) {
            List<ApiException.FieldProblem> found = new ArrayList<>();
            if (titleRu.isEmpty()) {
                found.add(new ApiException.FieldProblem("titleRu", "validation.required"));
            } else if (titleRu.length() > 500 || titleBe.length() > 500 || titleEn.length() > 500) {
                found.add(new ApiException.FieldProblem("titleRu", "validation.tooLong", 500));
            }
            if (description.length() > 500) {
                found.add(new ApiException.FieldProblem("description", "validation.tooLong", 500));
            }
            LocalDate closesOn = closesOn();
            if (closesOn == null) {
                found.add(new ApiException.FieldProblem("closes", closes.isEmpty() ? "validation.required" : "validation.format"));
            } else if (!closesOn.isAfter(today)) {
                found.add(new ApiException.FieldProblem("closes", "validation.future"));
            }
            if (!List.of("single", "multiple", "text").contains(kind)) {
                found.add(new ApiException.FieldProblem("kind", "validation.unknown"));
            }
            if (question.isEmpty()) {
                found.add(new ApiException.FieldProblem("question", "validation.required"));
            } else if (question.length() > 500) {
                found.add(new ApiException.FieldProblem("question", "validation.tooLong", 500));
            }
            if (!kind.equals("text") && (optionLines().size() < 2 || optionLines().size() > 20)) {
                found.add(new ApiException.FieldProblem("options", "validation.options"));
            }
            return found;
        }

        private LocalDate closesOn() {
            try {
                return closes.isEmpty() ? null : LocalDate.parse(closes);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        SurveyRecords.NewSurvey survey() {
            OffsetDateTime closesAt = closesOn().plusDays(1).atStartOfDay(Minsk.ZONE).toOffsetDateTime();
            List<SurveyRecords.Texts> choices = kind.equals("text") ? List.of()
                    : optionLines().stream().map(line -> new SurveyRecords.Texts(line, null, null)).toList();
            return new SurveyRecords.NewSurvey(new SurveyRecords.Texts(titleRu, blankToNull(titleBe), blankToNull(titleEn)),
                    description.isEmpty() ? null : new SurveyRecords.Texts(description, null, null), null, closesAt,
                    List.of(new SurveyRecords.NewQuestion(kind, new SurveyRecords.Texts(question, null, null), choices)));
        }

        private static String blankToNull(String text) {
            return text.isEmpty() ? null : text;
        }
    }
}

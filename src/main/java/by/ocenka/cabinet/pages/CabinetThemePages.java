package by.ocenka.cabinet.pages;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.CabinetRecords.ImprovementRequest;
import by.ocenka.cabinet.internal.CabinetAccess;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.cabinet.internal.Improvements;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.platform.Minsk;
import by.ocenka.rating.CommentThemes;
import by.ocenka.rating.Theme;
import by.ocenka.rating.ThemeRecords.ThemeFigures;
import by.ocenka.rating.ThemeRecords.ThemeMonth;
import by.ocenka.web.PageController;
import by.ocenka.web.ProblemTexts;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What the subtree's comments speak of and what the organisation changed about it: each theme's count, share, mean
 * score and months, the improvements published with their before and after, and for the organisation's admins the form
 * that publishes one («Вы сказали — мы сделали»).
 */
@PageController
class CabinetThemePages {

    static final String THEMES = "cabinet/themes";
    /** The months' bars: each this wide with a gap, in a box this high. */
    static final int BAR = 10;
    static final int BARS_HEIGHT = 32;

    private final CabinetAccess access;
    private final CommentThemes themes;
    private final Improvements improvements;
    private final ProblemTexts problems;
    private final Clock clock;

    CabinetThemePages(CabinetAccess access, CommentThemes themes, Improvements improvements, ProblemTexts problems,
                      Clock clock) {
        this.clock = clock;
        this.access = access;
        this.themes = themes;
        this.improvements = improvements;
        this.problems = problems;
    }

    /** A theme's row: its figures and a bar per month of the period, scaled to the busiest month. */
    record ThemeRow(String code, long count, double sharePercent, Double mean, List<MonthBar> months, int width) {
    }

    /** A month's bar in the row's small chart. */
    record MonthBar(String month, long count, int x, int y, int height) {
    }

    @GetMapping("/cabinet/{id}/themes")
    Mono<Rendering> page(@PathVariable long id,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         @RequestParam(required = false) Long published, ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(user -> page(user, id, from, to).map(page -> page.modelAttribute("published", published).build()))
                .switchIfEmpty(Mono.fromSupplier(() -> toLogin(id)));
    }

    @PostMapping("/cabinet/{id}/improvements")
    Mono<Rendering> publish(@PathVariable long id, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return exchange.getFormData().flatMap(form -> CurrentUser.of(exchange)
                .flatMap(user -> improvements.publish(user, id, new ImprovementRequest(form.getFirst("title"),
                                form.getFirst("text"), form.getFirst("theme"), form.getFirst("effectiveOn")), locale)
                        .map(created -> Rendering.redirectTo("/cabinet/" + id + "/themes?published=" + created + "#improvements").build())
                        .onErrorResume(e -> e instanceof ApiException api && api.status().value() != 403,
                                e -> page(user, id, null, null).map(page -> page
                                        .modelAttribute("error", problems.sentence((ApiException) e, locale))
                                        .modelAttribute("form", form.toSingleValueMap())
                                        .status(((ApiException) e).status())
                                        .build())))
                .switchIfEmpty(Mono.fromSupplier(() -> toLogin(id))));
    }

    private Mono<Rendering.Builder<?>> page(CurrentUser user, long id, LocalDate from, LocalDate to) {
        return access.check(user, id, Need.READ).flatMap(scope -> Mono.zip(themes.ofSubtree(id, from, to),
                        improvements.of(id))
                .map(t -> Rendering.view(THEMES)
                        .modelAttribute("organizationId", id)
                        .modelAttribute("organizationName", scope.name())
                        .modelAttribute("manages", scope.manages())
                        .modelAttribute("themes", rows(t.getT1()))
                        .modelAttribute("improvements", t.getT2())
                        .modelAttribute("choices", Theme.named().stream().map(Theme::code).toList())
                        .modelAttribute("from", from)
                        .modelAttribute("to", to)
                        .modelAttribute("windowDays", CommentThemes.WINDOW_DAYS)
                        .modelAttribute("today", Minsk.today(clock))
                        .modelAttribute("form", Map.of())));
    }

    static List<ThemeRow> rows(List<ThemeFigures> figures) {
        List<ThemeRow> rows = new ArrayList<>();
        for (ThemeFigures f : figures) {
            long busiest = f.byMonth().stream().mapToLong(ThemeMonth::count).max().orElse(0);
            List<MonthBar> bars = new ArrayList<>();
            for (int i = 0; i < f.byMonth().size(); i++) {
                ThemeMonth m = f.byMonth().get(i);
                int height = busiest == 0 ? 0 : (int) Math.max(m.count() > 0 ? 1 : 0, Math.round(BARS_HEIGHT * m.count() / (double) busiest));
                bars.add(new MonthBar(m.month(), m.count(), i * BAR, BARS_HEIGHT - height, height));
            }
            rows.add(new ThemeRow(f.theme().code(), f.count(), Math.round(f.share() * 1000) / 10.0, f.mean(), bars,
                    Math.max(BAR, bars.size() * BAR)));
        }
        return rows;
    }

    private static Rendering toLogin(long id) {
        return Rendering.redirectTo("/login?next=/cabinet/" + id + "/themes").build();
    }
}

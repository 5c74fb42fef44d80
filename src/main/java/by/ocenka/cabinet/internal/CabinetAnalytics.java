package by.ocenka.cabinet.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.CabinetRecords.Analytics;
import by.ocenka.rating.ReplyShares.Helpful;
import by.ocenka.cabinet.CabinetRecords.MonthFigures;
import by.ocenka.cabinet.CabinetRecords.ReplySummary;
import by.ocenka.cabinet.CabinetRecords.ServiceAnalytics;
import by.ocenka.cabinet.CabinetRecords.SourceAnalytics;
import by.ocenka.cabinet.CabinetRecords.UnitFigures;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.cabinet.internal.CabinetAccess.Scope;
import by.ocenka.platform.Minsk;
import by.ocenka.rating.RatingRecords.OrganizationRef;
import by.ocenka.rating.SubtreeFigures;
import by.ocenka.rating.SubtreeRecords.ReplyFigures;
import by.ocenka.rating.SubtreeRecords.Unit;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The cabinet's analytics of a subtree for a period: the rating feature's figures (totals, criteria, months, units
 * ranked, replies) with the units named. The scope is checked once per request, here.
 */
@Service
public class CabinetAnalytics {

    private final CabinetAccess access;
    private final SubtreeFigures figures;
    private final ReplyFeedback feedback;

    CabinetAnalytics(CabinetAccess access, SubtreeFigures figures, ReplyFeedback feedback) {
        this.access = access;
        this.figures = figures;
        this.feedback = feedback;
    }

    /** The subtree's figures for [from, to] (by default the last twelve months); 400 for a bad period. */
    public Mono<Analytics> of(CurrentUser user, long organizationId, LocalDate from, LocalDate to) {
        return access.check(user, organizationId, Need.READ).flatMap(scope -> of(scope, from, to));
    }

    /** The same for a scope checked already. */
    Mono<Analytics> of(Scope scope, LocalDate from, LocalDate to) {
        return figures.of(scope.organizationId(), from, to).flatMap(period -> Mono.zip(access
                .names(period.units().stream().map(Unit::organizationId).toList()),
                        feedback.ofSubtree(scope.organizationId(), startOf(period.from()), startOf(period.to().plusDays(1))))
                .map(t -> {
                    Map<Long, String> names = t.getT1();
                    Helpful helpful = t.getT2();
                    List<MonthFigures> months = period.months().stream()
                            .map(m -> new MonthFigures(m.month(), m.score(), m.n(), m.satisfaction())).toList();
                    List<UnitFigures> units = period.units().stream()
                            .map(u -> new UnitFigures(new OrganizationRef(u.organizationId(), names.get(u.organizationId())),
                                    u.score(), u.n(), u.rank(), u.rankChange())).toList();
                    ReplyFigures r = period.replies();
                    return new Analytics(period.from(), period.to(), period.score(), period.n(), period.satisfaction(),
                            period.criteria(), months, units,
                            new ReplySummary(r.answered(), r.due() - r.answered(), r.overdue(), r.medianHours(),
                                    helpful.marked(), helpful.helpfulPercent()),
                            period.byService().stream().map(s -> new ServiceAnalytics(s.service(), s.score(), s.n(),
                                    s.satisfaction())).toList(),
                            period.sources().stream().map(s -> new SourceAnalytics(s.source(), s.opened(), s.rated()))
                                    .toList());
                }));
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(Minsk.ZONE).toOffsetDateTime();
    }
}

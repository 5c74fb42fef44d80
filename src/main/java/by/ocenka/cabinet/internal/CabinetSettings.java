package by.ocenka.cabinet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import by.ocenka.account.AccountCertificates.Registered;
import by.ocenka.account.AccountRequests.StaffMember;
import by.ocenka.account.CertificateLoginProperties;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.StaffInvitations.Pending;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.platform.AuditLog;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.ExtraCriteria;
import by.ocenka.rating.ExtraCriteria.ExtraCriterion;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * What an organisation keeps of its own in the cabinet: its extra criteria (the rating feature keeps them; anyone of
 * its staff reads them, its admins replace them) and the audit trail of its subtree (its admins read it). The scope is
 * checked once per request, here.
 */
@Service
public class CabinetSettings {

    /** The most organisations a subtree's audit trail reads over (a ministry's units, and then some). */
    private static final int MAX_AUDITED = 100_000;

    /**
     * The settings page of an organisation: its name, the user's alerts, and for its admins its criteria, colleagues
     * (with their certificates when certificate login is on, and the offers pending), the latest of its audit trail,
     * and the names of the units all these mention.
     */
    public record View(long organizationId, String name, boolean manages, Alerts.Setting alerts,
                       List<ExtraCriterion> criteria, List<StaffMember> staff, List<Registered> certificates,
                       List<Pending> invitations, List<AuditLog.Entry> audit, Map<Long, String> unitNames) {
    }

    private final CabinetAccess access;
    private final ExtraCriteria criteria;
    private final AuditLog audit;
    private final Alerts alerts;
    private final Colleagues colleagues;
    private final CertificateLoginProperties certificateLogin;

    CabinetSettings(CabinetAccess access, ExtraCriteria criteria, AuditLog audit, Alerts alerts, Colleagues colleagues,
                    CertificateLoginProperties certificateLogin) {
        this.access = access;
        this.criteria = criteria;
        this.audit = audit;
        this.alerts = alerts;
        this.colleagues = colleagues;
        this.certificateLogin = certificateLogin;
    }

    /** The settings page's view (403 / 404 outside the user's scope); the scope checked once for all of it. */
    public Mono<View> view(CurrentUser user, long organizationId) {
        return access.check(user, organizationId, Need.READ).flatMap(scope -> {
            boolean manages = scope.manages();
            return Mono.zip(alerts.of(user),
                            manages ? criteria.of(organizationId) : Mono.just(List.<ExtraCriterion>of()),
                            manages ? colleagues.of(scope) : Mono.just(List.<StaffMember>of()),
                            manages && certificateLogin.enabled() ? colleagues.certificates(scope)
                                    : Mono.just(List.<Registered>of()),
                            manages ? colleagues.invitations(scope) : Mono.just(List.<Pending>of()),
                            manages ? audit(scope, PageRequest.of(0, 30)).map(Page::items) : Mono.just(List.<AuditLog.Entry>of()))
                    .flatMap(t -> access.names(Stream.concat(t.getT3().stream().map(StaffMember::organizationId),
                                    t.getT5().stream().map(Pending::organizationId)).distinct().toList())
                            .map(units -> new View(organizationId, scope.name(), manages, t.getT1(), t.getT2(), t.getT3(),
                                    t.getT4(), t.getT5(), t.getT6(), units)));
        });
    }

    /** The user's own alerts, set from an organisation's settings page (its staff). */
    public Mono<Alerts.Setting> setAlerts(CurrentUser user, long organizationId, Alerts.Setting wanted) {
        return access.check(user, organizationId, Need.READ).then(alerts.set(user, wanted));
    }

    /** Adds an extra criterion to the organisation's (its admins). */
    public Mono<List<ExtraCriterion>> addCriterion(CurrentUser user, long organizationId, ExtraCriterion added) {
        return access.check(user, organizationId, Need.MANAGE).then(criteria.of(organizationId)).flatMap(current -> {
            List<ExtraCriterion> wanted = new ArrayList<>(current);
            wanted.add(added);
            return criteria.replace(organizationId, wanted, user);
        });
    }

    /** Removes an extra criterion (its admins; past answers are kept). */
    public Mono<List<ExtraCriterion>> removeCriterion(CurrentUser user, long organizationId, String code) {
        return access.check(user, organizationId, Need.MANAGE).then(criteria.of(organizationId))
                .flatMap(current -> criteria.replace(organizationId,
                        current.stream().filter(c -> !c.code().equals(code)).toList(), user));
    }

    /** The extra criteria the organisation sets for itself and its subtree. */
    public Mono<List<ExtraCriterion>> criteria(CurrentUser user, long organizationId) {
        return access.check(user, organizationId, Need.READ).then(criteria.of(organizationId));
    }

    /** Replaces the organisation's extra criteria (its admins; past answers are kept). */
    public Mono<List<ExtraCriterion>> replaceCriteria(CurrentUser user, long organizationId, List<ExtraCriterion> wanted) {
        return access.check(user, organizationId, Need.MANAGE).then(criteria.replace(organizationId, wanted, user));
    }

    /** Who did what in the subtree's cabinet, newest first (its admins). */
    public Mono<Page<AuditLog.Entry>> audit(CurrentUser user, long organizationId, PageRequest page) {
        return access.check(user, organizationId, Need.MANAGE).flatMap(scope -> audit(scope, page));
    }

    private Mono<Page<AuditLog.Entry>> audit(CabinetAccess.Scope scope, PageRequest page) {
        return access.descendants(scope.organizationId(), MAX_AUDITED).flatMap(units -> audit.about(units, page));
    }
}

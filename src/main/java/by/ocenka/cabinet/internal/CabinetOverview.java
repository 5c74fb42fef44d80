package by.ocenka.cabinet.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetRecords.Analytics;
import by.ocenka.cabinet.CabinetRecords.CabinetQuestionnaire;
import by.ocenka.cabinet.CabinetRecords.FeedFilter;
import by.ocenka.cabinet.CabinetRecords.ManagedOrganization;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The cabinet's front: the organisations a staff member works for, and one organisation's page (its feed and its year's
 * figures together, the scope checked once for both).
 */
@Service
public class CabinetOverview {

    /** An organisation's cabinet page: its name, whether the user manages it, a page of its feed, the year's figures. */
    public record Overview(long organizationId, String name, boolean manages, Page<CabinetQuestionnaire> feed,
                           Analytics figures) {
    }

    private final CabinetAccess access;
    private final CabinetFeed feed;
    private final CabinetAnalytics analytics;
    private final Organizations organizations;

    CabinetOverview(CabinetAccess access, CabinetFeed feed, CabinetAnalytics analytics, Organizations organizations) {
        this.access = access;
        this.feed = feed;
        this.analytics = analytics;
        this.organizations = organizations;
    }

    /** The organisations the user manages or answers for, by name, with the size of each subtree. */
    public Mono<List<ManagedOrganization>> managed(CurrentUser user) {
        Set<Long> admin = user.adminOf();
        List<Long> ids = user.staffOf();
        return Mono.zip(organizations.names(ids), organizations.subtreeSizes(ids)).map(t -> ids.stream()
                .filter(t.getT1()::containsKey)
                .map(id -> new ManagedOrganization(id, t.getT1().get(id), t.getT2().getOrDefault(id, 1),
                        admin.contains(id) ? Role.ORG_ADMIN.name() : Role.ORG_RESPONDER.name()))
                .sorted(Comparator.comparing(ManagedOrganization::name))
                .toList());
    }

    /** One organisation's cabinet page: 403 / 404 outside the user's scope. */
    public Mono<Overview> of(CurrentUser user, long organizationId, FeedFilter filter, PageRequest page) {
        return access.check(user, organizationId, Need.READ).flatMap(scope -> Mono.zip(feed.page(scope, filter, page),
                        analytics.of(scope, null, null))
                .map(t -> new Overview(organizationId, scope.name(), scope.manages(), t.getT1(), t.getT2())));
    }
}

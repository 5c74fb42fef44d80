package by.ocenka.cabinet.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetRecords.Analytics;
import by.ocenka.cabinet.CabinetRecords.CabinetQuestionnaire;
import by.ocenka.cabinet.CabinetRecords.FeedFilter;
import by.ocenka.cabinet.CabinetRecords.ManagedOrganization;
import by.ocenka.cabinet.CabinetRecords.UsableTemplate;
import by.ocenka.cabinet.internal.CabinetAccess.Need;
import by.ocenka.catalog.CatalogRecords.OrganizationDetail;
import by.ocenka.catalog.CatalogService;
import by.ocenka.catalog.Organizations;
import by.ocenka.moderation.ReviewRequests;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import by.ocenka.rating.RatingRecords.GroupStat;
import by.ocenka.rating.RatingRecords.Stats;
import by.ocenka.rating.Statistics;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The cabinet's front: the organisations a staff member works for, and one organisation's page (its feed and its year's
 * figures together, the scope checked once for both).
 */
@Service
public class CabinetOverview {

    /**
     * An organisation's cabinet page: its name, whether the user manages it, a page of its feed, the period's figures,
     * each criterion's mean named (the weakest first), and the averages of its region and sphere to compare with.
     */
    public record Overview(long organizationId, String name, boolean manages, Page<CabinetQuestionnaire> feed,
                           Analytics figures, List<CriterionMean> criteria, Map<String, String> criterionNames,
                           Comparison comparison, Map<Long, ReviewRequests.View> reviews,
                           List<UsableTemplate> templates) {
    }

    /** A criterion's mean over the period, with its name in the reader's language. */
    public record CriterionMean(String code, String name, double mean) {
    }

    /** The country's figures the organisation compares with: its region's and its sphere's average scores. */
    public record Comparison(String region, Double regionScore, String sphere, Double sphereScore, Double countryScore) {
    }

    private final CabinetAccess access;
    private final CabinetFeed feed;
    private final CabinetAnalytics analytics;
    private final Organizations organizations;
    private final CatalogService catalog;
    private final Statistics statistics;
    private final ReviewRequests reviewRequests;
    private final ReplyTemplates templates;

    CabinetOverview(CabinetAccess access, CabinetFeed feed, CabinetAnalytics analytics, Organizations organizations,
                    CatalogService catalog, Statistics statistics, ReviewRequests reviewRequests, ReplyTemplates templates) {
        this.templates = templates;
        this.reviewRequests = reviewRequests;
        this.catalog = catalog;
        this.statistics = statistics;
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

    /**
     * One organisation's cabinet page: 403 / 404 outside the user's scope. The figures cover the feed's period when one
     * is chosen (the default year otherwise).
     */
    public Mono<Overview> of(CurrentUser user, long organizationId, FeedFilter filter, PageRequest page, Locale locale) {
        return access.check(user, organizationId, Need.READ).flatMap(scope -> Mono.zip(feed.page(scope, filter, page),
                        analytics.of(scope, filter.from(), filter.to()), catalog.organization(organizationId, locale),
                        statistics.stats(locale), templates.usable(scope))
                .flatMap(t -> reviewRequests.latest(t.getT1().items().stream().map(CabinetQuestionnaire::id).toList())
                        .map(reviews -> {
                    OrganizationDetail detail = t.getT3();
                    Map<String, String> names = new LinkedHashMap<>();
                    detail.criteria().forEach(c -> names.put(c.code(), c.name()));
                    List<CriterionMean> criteria = t.getT2().criteria().entrySet().stream()
                            .filter(e -> e.getValue() != null)
                            .map(e -> new CriterionMean(e.getKey(), names.getOrDefault(e.getKey(), e.getKey()), e.getValue()))
                            .sorted(Comparator.comparingDouble(CriterionMean::mean).thenComparing(CriterionMean::code))
                            .toList();
                    Stats stats = t.getT4();
                    GroupStat region = stats.byRegion().stream().filter(g -> g.id() == detail.region().id()).findFirst().orElse(null);
                    GroupStat sphere = stats.bySphere().stream().filter(g -> g.id() == detail.sphere().id()).findFirst().orElse(null);
                    Comparison comparison = new Comparison(detail.region().name(), region == null ? null : region.averageScore(),
                            detail.sphere().name(), sphere == null ? null : sphere.averageScore(), stats.averageScore());
                    return new Overview(organizationId, scope.name(), scope.manages(), t.getT1(), t.getT2(), criteria,
                            names, comparison, reviews, t.getT5());
                })));
    }
}

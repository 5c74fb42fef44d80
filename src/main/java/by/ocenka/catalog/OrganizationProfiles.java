package by.ocenka.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import by.ocenka.catalog.internal.CatalogChanges;
import by.ocenka.catalog.internal.ProfileRepository;
import by.ocenka.platform.AfterCommit;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.platform.ReactiveCache;
import by.ocenka.platform.ReactiveCaches;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The organisation's own details (its profile): read and written here, the scope being the caller's to check (the
 * cabinet). A write is in the caller's transaction; once it commits every instance forgets its copies of the
 * organisation, so the public page, the JSON and the search show the change within moments.
 */
@Service
public class OrganizationProfiles {

    /** A profile written: what it was and what it is now (for the audit trail). */
    public record Change(OrganizationProfile before, OrganizationProfile after) {
    }

    /** The services of one organisation in one language. */
    private record OfferedKey(long organizationId, String language) {
    }

    private final ProfileRepository profiles;
    private final CatalogChanges changes;
    private final ReactiveCache<OfferedKey, List<OfferedService>> offered;

    OrganizationProfiles(ProfileRepository profiles, CatalogChanges changes, ReactiveCaches caches) {
        this.profiles = profiles;
        this.changes = changes;
        // Every rating that names a service checks it against these: kept, forgotten when the profile changes.
        this.offered = caches.create("catalog.services", new ReactiveCaches.Spec(Duration.ofMinutes(5), Duration.ofHours(1),
                50_000), key -> profiles.offered(key.organizationId(), Locale.forLanguageTag(key.language())));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void organizationChanged(OrganizationChanged changed) {
        Languages.SUPPORTED.forEach(language -> offered.invalidate(new OfferedKey(changed.organizationId(),
                language.getLanguage())));
    }

    /** The organisation's profile; 404 for an unknown or archived organisation. */
    public Mono<OrganizationProfile> profile(long organizationId) {
        return profiles.profile(organizationId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("organization-not-found", organizationId)));
    }

    /** The services a citizen may pick on the form of an active organisation, in the page's language. */
    public Mono<List<OfferedService>> offered(long organizationId, Locale locale) {
        return offered.get(new OfferedKey(organizationId, locale.getLanguage()));
    }

    /** Checks and writes the profile: 400 naming each field at fault, 404 for an unknown organisation. */
    public Mono<Change> update(long organizationId, OrganizationProfile wanted) {
        OrganizationProfile profile = wanted.normalized();
        List<ApiException.FieldProblem> problems = profile.problems();
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.invalid(problems));
        }
        return profile(organizationId).flatMap(before -> profiles.write(organizationId, profile)
                .then(profiles.profile(organizationId))
                .flatMap(after -> AfterCommit.run(() -> changes.changed(organizationId).subscribe())
                        .thenReturn(new Change(before, after))));
    }
}

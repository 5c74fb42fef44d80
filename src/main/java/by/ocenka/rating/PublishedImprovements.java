package by.ocenka.rating;

import java.util.List;

import by.ocenka.rating.ThemeRecords.Improvement;
import reactor.core.publisher.Mono;

/**
 * The improvements organisations publish, as the organisation's page and its feed show them: kept by the cabinet
 * feature, which implements this (the rating feature does not depend on it).
 */
public interface PublishedImprovements {

    /** What the pages show without the cabinet feature: none. */
    PublishedImprovements NONE = organizationId -> Mono.just(List.of());

    /** The organisation's improvements, the latest first, with their before and after figures. */
    Mono<List<Improvement>> of(long organizationId);
}

package by.ocenka.web;

import reactor.core.publisher.Flux;

/**
 * Which organisations' pages are read most: the page cache renders their pages and rating forms ahead after a start
 * and after everything kept was dropped, so that the first QR scans of a morning find them ready. Implemented by the
 * feature that knows (the rating feature: the organisations rated most of late).
 */
public interface BusyOrganizations {

    /** Up to {@code count} organisation ids, the busiest first. */
    Flux<Long> busiest(int count);
}

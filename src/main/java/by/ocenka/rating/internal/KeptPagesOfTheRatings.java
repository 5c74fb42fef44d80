package by.ocenka.rating.internal;

import by.ocenka.rating.RatingRecords.AggregatesRebuilt;
import by.ocenka.rating.RatingRecords.FiguresChanged;
import by.ocenka.rating.RatingRecords.FiguresHeard;
import by.ocenka.web.KeptPages;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the page cache what the ratings' changes make out of date: an organisation's figures (here or on another
 * instance) change its pages; every figure recomputed changes them all.
 */
@Component
class KeptPagesOfTheRatings {

    private final ApplicationEventPublisher events;

    KeptPagesOfTheRatings(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    void changed(FiguresChanged event) {
        events.publishEvent(new KeptPages.Changed(event.organizationId()));
    }

    @EventListener
    void heard(FiguresHeard event) {
        events.publishEvent(new KeptPages.Changed(event.organizationId()));
    }

    @EventListener(AggregatesRebuilt.class)
    void rebuilt() {
        events.publishEvent(new KeptPages.AllChanged());
    }
}

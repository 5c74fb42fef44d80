package by.ocenka.catalog.internal;

import by.ocenka.catalog.OrganizationsAdded;
import by.ocenka.web.KeptPages;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the page cache what the catalogue's changes make out of date: new organisations change lists and search. */
@Component
class KeptPagesOfTheCatalogue {

    private final ApplicationEventPublisher events;

    KeptPagesOfTheCatalogue(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    void added(OrganizationsAdded added) {
        events.publishEvent(new KeptPages.AllChanged());
    }
}

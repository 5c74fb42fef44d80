package by.ocenka.catalog.internal;

import by.ocenka.catalog.OrganizationChanged;
import by.ocenka.catalog.OrganizationsAdded;
import by.ocenka.web.KeptPages;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Tells the page cache what the catalogue's changes make out of date: new organisations change lists and search, a
 * changed profile its organisation's pages. */
@Component
class KeptPagesOfTheCatalogue {

    private final ApplicationEventPublisher events;

    KeptPagesOfTheCatalogue(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** After the catalogue's own copies are forgotten (the pages are rendered again from them). */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void changed(OrganizationChanged changed) {
        events.publishEvent(new KeptPages.Changed(changed.organizationId()));
    }

    @EventListener
    void added(OrganizationsAdded added) {
        events.publishEvent(new KeptPages.AllChanged());
    }
}

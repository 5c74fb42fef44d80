package by.ocenka.web;

import reactor.core.publisher.Mono;

/**
 * An organisation's page kept once for every signed-in visitor (its rating form), but for the visitors it differs for:
 * implemented by the feature whose page it is (the rating feature: one who rated today sees that instead of the form).
 */
public interface SharedSignedInPages {

    /** Whether this visitor sees the organisation's page as every signed-in visitor does (else it is rendered for them). */
    Mono<Boolean> sameForVisitor(long visitorId, long organizationId);
}

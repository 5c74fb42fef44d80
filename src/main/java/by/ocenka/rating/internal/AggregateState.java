package by.ocenka.rating.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

/**
 * Whether this instance knows the Redis aggregates to be behind PostgreSQL: set when a committed questionnaire (or
 * a moderation decision) could not be applied to them, cleared when the jobs have rebuilt them.
 */
@Component
public class AggregateState {

    private final AtomicBoolean stale = new AtomicBoolean();

    public void markStale() {
        stale.set(true);
    }

    boolean stale() {
        return stale.get();
    }

    void rebuilt() {
        stale.set(false);
    }
}

package by.ocenka.rating.internal;

import by.ocenka.web.BusyOrganizations;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** The organisations rated most in the last 30 days (the daily sums), for the page cache to render ahead. */
@Component
class BusiestOfLate implements BusyOrganizations {

    private final DatabaseClient db;

    BusiestOfLate(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Flux<Long> busiest(int count) {
        return db.sql("""
                        SELECT d.organization_id FROM org_day d
                        WHERE d.day >= current_date - 30
                        GROUP BY d.organization_id ORDER BY sum(d.questionnaires) DESC, d.organization_id LIMIT :count""")
                .bind("count", count)
                .map(row -> row.get("organization_id", Long.class))
                .all();
    }
}

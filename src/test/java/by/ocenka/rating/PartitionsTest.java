package by.ocenka.rating;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import by.ocenka.platform.Minsk;
import by.ocenka.rating.internal.QuestionnairePartitions;
import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code questionnaire} partitioned by month (V26, docs/SCALING.md): a rating lands in its month's partition, the
 * daily limit's unique key still holds across the partitioned table, the job keeps the months ahead, and an old month
 * detaches without touching the rest.
 */
class PartitionsTest extends IntegrationTest {

    @Autowired
    QuestionnairePartitions partitions;

    @Test
    void aRatingLandsInItsMonthAndTheDailyKeyStillHolds() {
        long org = minskOrganization();
        assertThat(db.sql("SELECT count(*) AS n FROM pg_partitioned_table WHERE partrelid = 'questionnaire'::regclass")
                .map(r -> r.get("n", Long.class)).one().block()).isEqualTo(1);
        WebTestClient citizen = citizen();
        long id = ((Number) citizen.post().uri("/api/v1/organizations/{id}/ratings", org).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
        String month = QuestionnairePartitions.name(YearMonth.from(Minsk.today(Clock.systemUTC())));
        assertThat(db.sql("SELECT tableoid::regclass::text AS part FROM questionnaire WHERE id = :id").bind("id", id)
                .map(r -> r.get("part", String.class)).one().block()).isEqualTo(month);
        citizen.post().uri("/api/v1/organizations/{id}/ratings", org).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", RatingTestSupport.FIVES)).exchange().expectStatus().isEqualTo(409);
        // The key itself, not only Redis: the same citizen, organisation and day once more is refused by PostgreSQL.
        assertThatThrownBy(() -> db.sql("""
                        INSERT INTO questionnaire (organization_id, user_id, local_date, scores, mean)
                        SELECT organization_id, user_id, local_date, scores, mean FROM questionnaire WHERE id = :id""")
                .bind("id", id).then().block(Duration.ofSeconds(10))).hasMessageContaining("duplicate key value violates unique constraint");
        assertThat(db.sql("SELECT count(*) AS n FROM questionnaire_default").map(r -> r.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void theJobKeepsTheMonthsAheadAndAnOldMonthDetaches() {
        YearMonth now = YearMonth.from(Minsk.today(Clock.systemUTC()));
        String ahead = QuestionnairePartitions.name(now.plusMonths(3));
        db.sql("DROP TABLE " + ahead).then().block(Duration.ofSeconds(10));
        partitions.ensure().block(Duration.ofSeconds(10));
        partitions.ensure().block(Duration.ofSeconds(10)); // idempotent
        List<String> months = db.sql("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'questionnaire'::regclass ORDER BY c.relname""")
                .map(r -> r.get("relname", String.class)).all().collectList().block();
        for (int i = 0; i <= 3; i++) {
            assertThat(months).contains(QuestionnairePartitions.name(now.plusMonths(i)));
        }

        // An old month with a questionnaire: detached (as docs/OPERATIONS.md describes), it leaves the table whole.
        long org = minskOrganization();
        // Older than any month the demo's history or an import creates (they reach eight years back), so that the
        // month has no partition whichever tests ran before in this database.
        YearMonth old = now.minusYears(25);
        String oldTable = QuestionnairePartitions.name(old);
        db.sql("CREATE TABLE " + oldTable + " PARTITION OF questionnaire FOR VALUES FROM ('" + old.atDay(1) + "') TO ('"
                + old.plusMonths(1).atDay(1) + "')").then().block(Duration.ofSeconds(10));
        long user = RatingTestSupport.citizens(db, 1, 1).get(0);
        LocalDate day = old.atDay(10);
        db.sql("INSERT INTO questionnaire (organization_id, user_id, local_date, scores, mean) VALUES (:o, :u, :d, '{}'::jsonb, 4)")
                .bind("o", org).bind("u", user).bind("d", day).then().block(Duration.ofSeconds(10));
        assertThat(count()).isEqualTo(1);
        db.sql("ALTER TABLE questionnaire DETACH PARTITION " + oldTable).then().block(Duration.ofSeconds(10));
        assertThat(count()).isZero();
        assertThat(db.sql("SELECT count(*) AS n FROM " + oldTable).map(r -> r.get("n", Long.class)).one().block()).isEqualTo(1);
        db.sql("DROP TABLE " + oldTable).then().block(Duration.ofSeconds(10));
    }

    private long count() {
        return db.sql("SELECT count(*) AS n FROM questionnaire").map(r -> r.get("n", Long.class)).one().block();
    }
}

package by.ocenka.rating.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import by.ocenka.platform.OpenDataSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The rating feature's open data: the daily rankings (each day's positions in every ranking, the last 90 days) and
 * the questionnaires, anonymised — no user, no author, the day only; the service name and comment only while
 * published and not hidden by a moderator.
 */
@Configuration(proxyBeanMethods = false)
class RatingsOpenData {

    @Bean
    OpenDataSet rankingsOpenData(DatabaseClient db) {
        List<OpenDataSet.Column> columns = List.of(
                new OpenDataSet.Column("day", "date", "opendata.column.day"),
                new OpenDataSet.Column("scope", "text", "opendata.column.scope"),
                new OpenDataSet.Column("scope_id", "integer", "opendata.column.scope_id"),
                new OpenDataSet.Column("organization_id", "integer", "opendata.column.organization_id"),
                new OpenDataSet.Column("position", "integer", "opendata.column.position"));
        return OpenDataSet.of("rankings", columns, () -> db.sql("""
                        SELECT day, scope, scope_id, organization_id, position FROM rank_snapshot
                        WHERE day >= current_date - 90 ORDER BY day, scope, scope_id, position""")
                .map(row -> Arrays.<Object>asList(row.get("day", LocalDate.class).toString(), row.get("scope", String.class),
                        row.get("scope_id", Long.class), row.get("organization_id", Long.class),
                        row.get("position", Integer.class)))
                .all());
    }

    @Bean
    OpenDataSet questionnairesOpenData(DatabaseClient db) {
        List<OpenDataSet.Column> columns = List.of(
                new OpenDataSet.Column("id", "integer", "opendata.column.id"),
                new OpenDataSet.Column("organization_id", "integer", "opendata.column.organization_id"),
                new OpenDataSet.Column("day", "date", "opendata.column.local_date"),
                new OpenDataSet.Column("scores", "json", "opendata.column.scores"),
                new OpenDataSet.Column("mean", "number", "opendata.column.mean"),
                new OpenDataSet.Column("service_name", "text", "opendata.column.service_name"),
                new OpenDataSet.Column("comment", "text", "opendata.column.comment"));
        return OpenDataSet.of("questionnaires", columns, () -> db.sql("""
                        SELECT id, organization_id, local_date, scores::text AS scores, mean,
                               CASE WHEN status = 'PUBLISHED' AND comment_hidden IS NULL THEN service_name END AS service_name,
                               CASE WHEN status = 'PUBLISHED' AND comment_hidden IS NULL THEN comment END AS comment
                        FROM questionnaire
                        -- What fair play held (until released) or the moderators rejected is not part of the record.
                        WHERE status NOT IN ('HELD', 'REJECTED')
                        ORDER BY id""")
                .map(row -> Arrays.<Object>asList(row.get("id", Long.class), row.get("organization_id", Long.class),
                        row.get("local_date", LocalDate.class).toString(), row.get("scores", String.class),
                        row.get("mean", BigDecimal.class).setScale(2, RoundingMode.HALF_UP),
                        row.get("service_name", String.class), row.get("comment", String.class)))
                .all());
    }
}

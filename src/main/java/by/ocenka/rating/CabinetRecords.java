package by.ocenka.rating;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import by.ocenka.rating.RatingRecords.OrganizationRef;
import by.ocenka.rating.RatingRecords.PublicReply;

/** What the organisation's cabinet reads and answers, as the API contract names it ("Cabinet"). */
public final class CabinetRecords {

    private CabinetRecords() {
    }

    /**
     * The feed's filters; every one optional. {@code from} and {@code to} are Minsk days, both included; {@code unit}
     * narrows the subtree to a unit's own subtree.
     */
    public record FeedFilter(LocalDate from, LocalDate to, Long unit, BigDecimal maxMean, Boolean withComment,
                             Boolean replied) {
    }

    /** A questionnaire as the cabinet shows it, with the reply and when one is due (null: none is asked for). */
    public record CabinetQuestionnaire(long id, OrganizationRef organization, double mean, Map<String, Integer> scores,
                                       String serviceName, LocalDate serviceDate, String comment, String author,
                                       OffsetDateTime createdAt, String status, PublicReply reply,
                                       OffsetDateTime replyDueAt, boolean overdue) {
    }

    /** The answer to a reply. */
    public record ReplyCreated(long questionnaireId, String text, String author, OffsetDateTime createdAt) {
    }

    public record MonthFigures(String month, Double score, long ratingsCount, Double satisfaction) {
    }

    public record UnitFigures(OrganizationRef organization, Double score, long ratingsCount, Integer rank,
                              Integer rankChange) {
    }

    public record ReplySummary(long answered, long unanswered, long overdue, Double medianHours) {
    }

    public record Analytics(LocalDate from, LocalDate to, Double score, long ratingsCount, Double satisfaction,
                            Map<String, Double> criteria, List<MonthFigures> byMonth, List<UnitFigures> units,
                            ReplySummary replies) {
    }
}

package by.ocenka.rating;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the rating feature tells about an organisation's subtree (its questionnaires and its figures), for the staff's
 * cabinet to read; the cabinet adds its replies and the catalogue's names.
 */
public final class SubtreeRecords {

    private SubtreeRecords() {
    }

    /**
     * The feed's filters; every one optional. {@code from} and {@code to} are Minsk days, both included; {@code unit}
     * narrows the subtree to a unit's own subtree; {@code replied} asks for answered or unanswered questionnaires.
     */
    public record QuestionnaireFilter(LocalDate from, LocalDate to, Long unit, BigDecimal maxMean, Boolean withComment,
                                      Boolean replied) {
    }

    /**
     * A questionnaire as the staff read it: who rated what, and when it was answered (null: not yet). {@code userId} is
     * null for a questionnaire of the old portal's history (imported, anonymous: no one to mail).
     */
    public record StaffQuestionnaire(long id, long organizationId, Long userId, double mean, Map<String, Integer> scores,
                                     String serviceName, LocalDate serviceDate, String comment, String author,
                                     OffsetDateTime createdAt, String status, OffsetDateTime repliedAt, String employee) {

        /**
         * Whether the organisation is asked to reply: a published questionnaire with a comment (a rating without one
         * may still be answered, but sets no clock: there is nothing to answer to). The old portal's history asks for
         * none: its authors are unknown, and its years would count as overdue.
         */
        public boolean asksForReply() {
            return published() && !imported() && comment != null;
        }

        /** Whether it came from the old portal's history (imported, without an author). */
        public boolean imported() {
            return userId == null;
        }

        /** Whether it is public and counted: not held for the moderators (nor rejected by them). */
        public boolean published() {
            return !"HELD".equals(status) && !"REJECTED".equals(status);
        }
    }

    /** Sums over days (of a subtree, a unit or a month): the count, the sum of means in millionths, the satisfied. */
    public record Sums(long n, long sumMicro, long satisfied) {
    }

    /**
     * Of the questionnaires asked to reply to: how many, how many answered, how many waited past the days allowed,
     * and the median wait in hours (null: none answered).
     */
    public record ReplyFigures(long due, long answered, long overdue, Double medianHours) {
    }

    /** A month of a period: its score, count and satisfaction ({@code month} as "2026-08"). */
    public record Month(String month, Double score, long n, Double satisfaction) {
    }

    /** A unit of the subtree in a period: its score and count, its rank within the subtree and the places it gained. */
    public record Unit(long organizationId, Double score, long n, Integer rank, Integer rankChange) {
    }

    /**
     * A subtree's figures for a period: the score, count and satisfaction, each criterion's mean, the months, the units
     * ranked as the public ranking ranks organisations, and the reply figures.
     */
    public record SubtreePeriod(LocalDate from, LocalDate to, Double score, long n, Double satisfaction,
                                Map<String, Double> criteria, List<Month> months, List<Unit> units,
                                ReplyFigures replies, List<ServiceFigures> byService, List<SourceFigures> sources) {
    }

    /**
     * A poster label's counts over the period's months: how often the form was opened from it and how many ratings
     * followed ({@link PosterSources}).
     */
    public record SourceFigures(String source, long opened, long rated) {
    }

    /** The questionnaires naming one service (null: none named), most named first: their score, count, satisfaction. */
    public record ServiceFigures(String service, Double score, long n, Double satisfaction) {
    }
}

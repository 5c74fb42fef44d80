package by.ocenka.cabinet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import by.ocenka.rating.RatingRecords.OrganizationRef;
import by.ocenka.rating.RatingRecords.PublicReply;
import by.ocenka.rating.ThemeRecords.Window;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.SchemaResolution.INLINE;

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

    /**
     * A questionnaire as the cabinet shows it, with the reply and when one is due (null: none is asked for; never for the
     * old portal's history, {@code imported}, whose authors are unknown).
     */
    public record CabinetQuestionnaire(long id, OrganizationRef organization, double mean, Map<String, Integer> scores,
                                       @Schema(nullable = true) String serviceName,
                                       @Schema(nullable = true) LocalDate serviceDate,
                                       @Schema(nullable = true) String comment, @Schema(nullable = true) String author,
                                       OffsetDateTime createdAt, String status,
                                       @Schema(nullable = true, schemaResolution = INLINE) PublicReply reply,
                                       @Schema(nullable = true) OffsetDateTime replyDueAt, boolean overdue,
                                       @Schema(nullable = true, description = "The employee the citizen named: for the "
                                               + "organisation only, never public") String employee,
                                       @Schema(description = "From the old portal's history: imported, without an "
                                               + "author, no reply asked") boolean imported) {
    }

    /** The answer to a reply. */
    public record ReplyCreated(long questionnaireId, String text, String author, OffsetDateTime createdAt) {
    }

    @Schema(name = "AnalyticsMonth")
    public record MonthFigures(String month, @Schema(nullable = true) Double score, long ratingsCount,
                               @Schema(nullable = true) Double satisfaction) {
    }

    public record UnitFigures(OrganizationRef organization, @Schema(nullable = true) Double score, long ratingsCount,
                              @Schema(nullable = true) Integer rank, @Schema(nullable = true) Integer rankChange) {
    }

    /** One reply given to several questionnaires: those answered, and those skipped with the reason. */
    public record BulkReplies(List<Long> replied, List<Skipped> skipped) {

        /**
         * A questionnaire not answered: {@code already-replied}, {@code outside-scope}, {@code not-found}, {@code held}
         * (waiting for the moderators: answered once released), {@code too-long} (the text with the questionnaire's
         * organisation filled in for {@code {organization}} passes 4,000 characters) or {@code unavailable} (not
         * stored just now; try again).
         */
        public record Skipped(long id, String reason) {
        }
    }

    /** A reply template as its organisation saves it: a new one without an id. */
    public record ReplyTemplate(@Schema(nullable = true) Long id, String title, String text) {
    }

    /**
     * A template a staff member may start a reply from: the organisation's own or one of the bodies above it
     * ({@code inherited}); {@code {organization}} and {@code {date}} in its text are filled in when the reply is sent.
     */
    public record UsableTemplate(long id, String title, String text, long organizationId, String organizationName,
                                 boolean inherited) {
    }

    public record ReplySummary(long answered, long unanswered, long overdue,
                               @Schema(nullable = true) Double medianHours,
                               @Schema(description = "Replies their authors marked in the period") long helpfulCount,
                               @Schema(nullable = true, description = "The share of those marked helpful, in percent; "
                                       + "none under five marks") Double helpfulShare) {
    }

    public record Analytics(LocalDate from, LocalDate to, @Schema(nullable = true) Double score, long ratingsCount,
                            @Schema(nullable = true) Double satisfaction,
                            Map<String, Double> criteria, List<MonthFigures> byMonth, List<UnitFigures> units,
                            ReplySummary replies,
                            @Schema(description = "By the service named on the form, the most named first (at most 50)")
                            List<ServiceAnalytics> byService,
                            @Schema(description = "By the poster or QR code the form was opened from (its source label), "
                                    + "over the period's whole months, the most opened first (at most 50)")
                            List<SourceAnalytics> sources) {
    }

    /** One poster label: how often the form was opened from it and how many ratings followed. */
    public record SourceAnalytics(String source, long opened, long rated) {
    }

    /** The questionnaires that named one service ({@code service} null: those that named none). */
    public record ServiceAnalytics(@Schema(nullable = true) String service, @Schema(nullable = true) Double score,
                                   long ratingsCount, @Schema(nullable = true) Double satisfaction) {
    }

    /** An organisation the user manages or answers for, and how many organisations its subtree holds. */
    public record ManagedOrganization(long id, String name, int subtreeSize,
                                      @Schema(allowableValues = {"ORG_ADMIN", "ORG_RESPONDER"}) String role) {
    }

    /** An improvement as its organisation publishes it. */
    public record ImprovementRequest(String title, String text, String theme,
                                     @Schema(type = "string", format = "date") String effectiveOn) {
    }

    /** A published improvement: its id. */
    public record ImprovementCreated(long id) {
    }

    /**
     * A published improvement as everyone sees it: the comments on its theme in the 90 days before it took effect and
     * in the 90 days from then (so far).
     */
    public record ImprovementView(long id, String title, String text, String theme, LocalDate effectiveOn,
                                  Window before, Window after) {
    }
}

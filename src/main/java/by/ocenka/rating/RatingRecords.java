package by.ocenka.rating;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import by.ocenka.catalog.CatalogRecords.OrganizationSummary;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.SchemaResolution.INLINE;

/** What the rating endpoints take and answer, as the API contract names it. */
public final class RatingRecords {

    private RatingRecords() {
    }

    @Schema(example = """
            {"scores": {"SIMPLICITY": 5, "INFORMATION": 4, "TIMELINESS": 5, "POLITENESS": 5, "OVERALL": 4},
             "serviceName": "Выдача справки", "serviceDate": "2026-11-20", "comment": "Быстро и вежливо"}""")
    public record RatingRequest(
            @Schema(description = "Every criterion of the organisation's criteria (base and extra) → 1–5")
            Map<String, Integer> scores,
            @Schema(nullable = true) String serviceName,
            @Schema(nullable = true, description = "Not in the future") LocalDate serviceDate,
            @Schema(nullable = true, description = "At most 2,000 characters") String comment,
            @Schema(nullable = true, description = "One of the organisation's services "
                    + "(GET /api/v1/organizations/{id}/services); else serviceName for \"другое\"") Long serviceId,
            @Schema(nullable = true, description = "The employee the citizen dealt with, up to 120 characters: shown to "
                    + "the organisation only, never in public reviews or open data") String employee) {

        public RatingRequest(Map<String, Integer> scores, String serviceName, LocalDate serviceDate, String comment) {
            this(scores, serviceName, serviceDate, comment, null, null);
        }
    }

    public record OrganizationFigures(@Schema(nullable = true) Double score, long ratingsCount,
                                      @Schema(nullable = true) Double satisfaction) {
    }

    /** A committed questionnaire; {@code held}: fair play holds it for the moderators, it counts once released. */
    public record RatingAccepted(long id, long organizationId, double mean, OffsetDateTime createdAt,
                                 OrganizationFigures organization, boolean held) {
    }

    /**
     * A published questionnaire; {@code commentHidden} is the moderators' reason when its comment was hidden (then null);
     * {@code imported}: from the old portal's history (anonymous, dated by its day).
     */
    public record Review(long id, double mean, Map<String, Integer> scores, @Schema(nullable = true) String serviceName,
                         @Schema(nullable = true) LocalDate serviceDate, @Schema(nullable = true) String comment,
                         @Schema(nullable = true, description = "null for an anonymous review (always for the old "
                                 + "portal's history)") String author,
                         OffsetDateTime createdAt,
                         @Schema(nullable = true, schemaResolution = INLINE) PublicReply reply,
                         @Schema(nullable = true) String commentHidden,
                         @Schema(description = "From the old portal's history: imported, without an author") boolean imported) {
    }

    /** A published comment as a complaint names it. */
    public record PublishedComment(long questionnaireId, long organizationId, String comment) {
    }

    /** An organisation as a questionnaire or reply names it. */
    public record OrganizationRef(long id, String name) {
    }

    /** The organisation's official reply to a questionnaire, as everyone reads it. */
    public record PublicReply(String text, OffsetDateTime createdAt, OrganizationRef organization,
                              @Schema(nullable = true, description = "The questionnaire's author found the reply helpful "
                                      + "(true) or not (false); null while they have not said") Boolean helpful) {
    }

    /** The citizen's own questionnaire; {@code commentHidden}: why the moderators hid its comment, or null. */
    public record MyRating(long id, long organizationId, String organizationName, double mean, Map<String, Integer> scores,
                           @Schema(nullable = true) String comment, String status, OffsetDateTime createdAt,
                           @Schema(nullable = true, schemaResolution = INLINE) PublicReply reply,
                           @Schema(nullable = true) String commentHidden) {
    }

    /**
     * One line of a ranking. In the official order an organisation with fewer questionnaires than the minimum is
     * listed after the ranked ones with {@code ranked} false and no position.
     */
    public record RankingEntry(@Schema(nullable = true, description = "The position; null when not ranked") Integer rank,
                               @Schema(nullable = true, description = "Places gained since the last daily snapshot of "
                                       + "the official order; null when it was not ranked then, or in the fair order")
                               Integer change,
                               OrganizationSummary organization, @Schema(nullable = true) Double score,
                               long ratingsCount,
                               @Schema(description = "Whether the organisation has enough questionnaires for a position")
                               boolean ranked) {
    }

    /** The figures of a group of organisations: a sphere or a region. */
    public record GroupStat(long id, String name, long questionnaires, @Schema(nullable = true) Double averageScore,
                            @Schema(nullable = true) Double satisfaction) {
    }

    /** How many rated organisations have a score in {@code [from, to)} (the last bucket includes 5). */
    public record ScoreBucket(double from, double to, long organizations) {
    }

    /** One month of an organisation's questionnaires. */
    /**
     * What fair play holds of an organisation's questionnaires, for its public page: how many wait for the moderators,
     * by reason (see {@code FairPlay.REASONS}), and how many the moderators rejected. Never whose.
     */
    public record HeldFigures(long held, Map<String, Long> heldByReason, long rejected) {
        public static final HeldFigures NONE = new HeldFigures(0, Map.of(), 0);
    }

    /** A questionnaire fair play holds, as the moderators see it (no author: they judge the pattern, not the person). */
    public record HeldQuestionnaire(long id, long organizationId,
                                    @Schema(nullable = true) String organizationName,
                                    String reason, double mean, Map<String, Integer> scores,
                                    @Schema(nullable = true) String comment,
                                    OffsetDateTime createdAt) {
    }

    /** The held questionnaires of one organisation for one reason: a burst, decided together. */
    public record HeldGroup(long organizationId,
                            @Schema(nullable = true) String organizationName,
                            String reason, long count,
                            OffsetDateTime firstAt, OffsetDateTime lastAt) {
    }

        public record TrendPoint(String month, long questionnaires, Double score) {
    }

    /** An organisation whose mean rose: the period before against the recent one. */
    public record Improvement(OrganizationSummary organization, double before, double now) {
    }

    public record MonthStat(String month, long questionnaires, @Schema(nullable = true) Double averageScore,
                            @Schema(nullable = true) Double satisfaction) {
    }

    public record Stats(long organizations, long citizens, long questionnaires,
                        @Schema(nullable = true) Double averageScore, @Schema(nullable = true) Double satisfaction,
                        List<GroupStat> bySphere, List<GroupStat> byRegion, List<MonthStat> byMonth,
                        List<ScoreBucket> distribution) {
    }

    /**
     * What this instance shows of an organisation changed here: a questionnaire accepted or taken back, its criteria,
     * an author's name. A Spring application event, published before the answer (the 201) so that what this instance
     * answers next includes the change; listeners drop what they keep of the organisation.
     */
    public record FiguresChanged(long organizationId) {
    }

    /**
     * The live channel told this instance that an organisation's figures moved (on any instance, this one included). A
     * Spring application event; listeners renew what they keep of the organisation in the background.
     */
    public record FiguresHeard(long organizationId) {
    }

    /**
     * A questionnaire was accepted on this instance (a Spring application event, published once, before the 201): for
     * what follows a new questionnaire exactly once, such as alert mails.
     */
    public record QuestionnaireAccepted(long questionnaireId, long organizationId, double mean, String comment) {
    }

    /** Every aggregate and ranking was recomputed from PostgreSQL (a Spring application event). */
    public record AggregatesRebuilt() {
    }

    /** The live event: one accepted questionnaire and its organisation's new figures. */
    public record RatingEvent(long id, long organizationId, Double score, long ratingsCount, Double satisfaction,
                              double questionnaireMean, String at, long questionnaireId) {
    }

    /**
     * What the public live stream says of an accepted questionnaire: the organisation's new figures only. The
     * questionnaire's own mean stays out ({@code questionnaireMean} is always null, the field kept for the contract's
     * shape): at a desk it would tell the staff what the visitor who just scanned the code gave.
     */
    public record LiveFigures(long id, long organizationId, @Schema(nullable = true) Double score, long ratingsCount,
                              @Schema(nullable = true) Double satisfaction,
                              @Schema(nullable = true, description = "Always null") Double questionnaireMean,
                              String at) {

        public static LiveFigures of(RatingEvent event) {
            return new LiveFigures(event.id(), event.organizationId(), event.score(), event.ratingsCount(),
                    event.satisfaction(), null, event.at());
        }
    }
}

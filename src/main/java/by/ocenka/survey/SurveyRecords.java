package by.ocenka.survey;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the poll endpoints and pages take and answer. */
public final class SurveyRecords {

    private SurveyRecords() {
    }

    /** A text in the three languages; Russian required, the others fall back to it. */
    public record Texts(@NotBlank @Size(max = 500) String ru, @Schema(nullable = true) @Size(max = 500) String be,
                        @Schema(nullable = true) @Size(max = 500) String en) {
        public String in(String language) {
            String text = switch (language) {
                case "be" -> be;
                case "en" -> en;
                default -> ru;
            };
            return text == null || text.isBlank() ? ru : text;
        }
    }

    /** A poll as a moderator creates it. */
    public record NewSurvey(@NotNull @Valid Texts title, @Schema(nullable = true) @Valid Texts description,
                            @Schema(nullable = true, description = "Now when not given") OffsetDateTime opensAt,
                            @NotNull @Future OffsetDateTime closesAt,
                            @NotEmpty @Size(max = 30) List<@Valid NewQuestion> questions) {
    }

    public record NewQuestion(@NotNull @Pattern(regexp = "single|multiple|text") String kind, @NotNull @Valid Texts text,
                              @Size(max = 20) List<@Valid Texts> options) {
    }

    /** A poll as citizens read it, in their language. */
    public record Survey(long id, String title, @Schema(nullable = true) String description, OffsetDateTime opensAt,
                         OffsetDateTime closesAt,
                         boolean open, List<Question> questions) {
    }

    public record Question(long id, String text, String kind, List<Option> options) {
    }

    public record Option(long id, String text) {
    }

    /** A response: per question id, the chosen option ids or the text. */
    @Schema(name = "PollResponse", example = "{\"answers\": {\"12\": [31], \"13\": [35, 36], \"14\": \"Больше окон\"}}")
    public record Response(
            @Schema(description = "Question id → the chosen option ids (an array of integers) or, for a text question, "
                    + "the text", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
            @NotNull Map<String, Object> answers) {
    }

    /** The results: the number of responses and, per question, each option's count and share (percent). */
    public record Results(long responses, List<QuestionResults> questions) {
    }

    public record QuestionResults(long id, String text, String kind, List<OptionResults> options, long texts) {
    }

    public record OptionResults(long id, String text, long count, double share) {
    }
}

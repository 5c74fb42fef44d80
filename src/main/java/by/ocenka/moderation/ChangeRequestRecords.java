package by.ocenka.moderation;

import java.time.OffsetDateTime;
import java.util.List;

import by.ocenka.moderation.OrganizationRequests.Status;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What the requests to change an organisation's name, UNP or parent take and answer. */
public final class ChangeRequestRecords {

    private ChangeRequestRecords() {
    }

    /**
     * What should change (at least one of name, UNP and parent; the parent by id or by its UNP) and why. The
     * organisation's contacts are not here: its admins keep them in the profile.
     */
    @Schema(name = "ChangeRequestSubmission", example = """
            {"name": "Государственное учреждение «Поликлиника №5 г. Минска»", "comment": "Переименовано приказом от 1 ноября"}""")
    public record Submission(@Schema(nullable = true) @Size(max = 300) String name,
                             @Schema(nullable = true) @Size(max = 9) String unp,
                             @Schema(nullable = true) Long parentId,
                             @Schema(nullable = true, description = "The new parent's UNP, instead of parentId")
                             @Size(max = 9) String parentUnp,
                             @NotBlank @Size(min = 3, max = 2000) String comment) {
    }

    /** The organisation's current name, UNP and parent, beside what the request asks for (null: unchanged). */
    @Schema(name = "ChangeRequest")
    public record View(long id, long organizationId, String currentName, @Schema(nullable = true) String currentUnp,
                       @Schema(nullable = true) Long currentParentId, @Schema(nullable = true) String currentParentName,
                       @Schema(nullable = true) String name, @Schema(nullable = true) String unp,
                       @Schema(nullable = true) Long parentId, @Schema(nullable = true) String parentName,
                       String comment, Status status, @Schema(nullable = true) String reason, OffsetDateTime createdAt,
                       @Schema(nullable = true) OffsetDateTime decidedAt) {
    }

    /** An organisation's name, UNP and parent as the catalogue has them now. */
    public record Current(String name, @Schema(nullable = true) String unp, @Schema(nullable = true) Long parentId,
                          @Schema(nullable = true) String parentName) {
    }

    /** What the organisation's admins see: the current identity and their requests, newest first. */
    public record Changes(Current current, List<View> requests) {
    }
}

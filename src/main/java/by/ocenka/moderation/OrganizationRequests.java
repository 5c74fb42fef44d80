package by.ocenka.moderation;

import java.time.OffsetDateTime;

import by.ocenka.catalog.NewOrganization;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the organisation request endpoints take and answer. */
public final class OrganizationRequests {

    private OrganizationRequests() {
    }

    public enum Status { PENDING, APPROVED, REJECTED }

    @Schema(example = """
            {"name": "Поликлиника №5", "address": "Минск, ул. Притыцкого, 10", "sphereId": 3, "unp": "100000005"}""")
    public record Submission(@NotBlank @Size(min = 3, max = 300) String name, @NotBlank @Size(max = 300) String address,
                      @NotNull Integer sphereId, @Schema(nullable = true) @Size(max = 9) String unp,
                      @Schema(nullable = true) @Size(max = 2000) String comment) {
    }

    /**
     * The moderator's decision to add the organisation: the category and district are required (a citizen does
     * not give them); every other field, when given, corrects what the citizen wrote.
     */
    public record Approval(@Size(min = 3, max = 300) String name, @Size(max = 160) String shortName,
                    @Size(max = 300) String address, Integer sphereId, @NotNull Integer categoryId,
                    @NotNull Integer districtId, @Size(max = 9) String unp, Double lat, Double lon, Long parentId,
                    @Size(max = 64) String phone,
                    @Pattern(regexp = NewOrganization.SITE_PATTERN) String site,
                    @Size(max = 200) String hours) {
    }

    public record Rejection(@NotBlank @Size(min = 3, max = 1000) String reason) {
    }

    /** A request as its author and the moderators see it; reason, organizationId and decidedAt once decided. */
    @Schema(name = "OrganizationRequest")
    public record View(long id, String name, String address, int sphereId, @Schema(nullable = true) String unp,
                @Schema(nullable = true) String comment, Status status, @Schema(nullable = true) String reason,
                @Schema(nullable = true) Long organizationId, OffsetDateTime createdAt,
                @Schema(nullable = true) OffsetDateTime decidedAt) {
    }
}

package by.ocenka.moderation;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What the organisation request endpoints take and answer. */
public final class OrganizationRequests {

    private OrganizationRequests() {
    }

    public enum Status { PENDING, APPROVED, REJECTED }

    public record Submission(@NotBlank @Size(min = 3, max = 300) String name, @NotBlank @Size(max = 300) String address,
                      @NotNull Integer sphereId, @Size(max = 9) String unp, @Size(max = 2000) String comment) {
    }

    /**
     * The moderator's decision to add the organisation: the category and district are required (a citizen does
     * not give them); every other field, when given, corrects what the citizen wrote.
     */
    public record Approval(@Size(min = 3, max = 300) String name, @Size(max = 160) String shortName,
                    @Size(max = 300) String address, Integer sphereId, @NotNull Integer categoryId,
                    @NotNull Integer districtId, @Size(max = 9) String unp, Double lat, Double lon, Long parentId,
                    @Size(max = 64) String phone,
                    @jakarta.validation.constraints.Pattern(regexp = by.ocenka.catalog.NewOrganization.SITE_PATTERN) String site,
                    @Size(max = 200) String hours) {
    }

    public record Rejection(@NotBlank @Size(min = 3, max = 1000) String reason) {
    }

    public record View(long id, String name, String address, int sphereId, String unp, String comment, Status status,
                String reason, Long organizationId, OffsetDateTime createdAt, OffsetDateTime decidedAt) {
    }
}

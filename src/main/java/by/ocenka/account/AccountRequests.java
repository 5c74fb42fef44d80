package by.ocenka.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the account endpoints and the account pages take, with the same checks for both. */
public final class AccountRequests {

    private AccountRequests() {
    }

    @Schema(example = """
            {"email": "citizen@example.by", "password": "correct horse battery", "displayName": "Анна"}""")
    public record RegisterRequest(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String password,
                           @NotBlank @Size(min = 2, max = 80) String displayName) {
    }

    @Schema(example = "{\"email\": \"citizen@example.by\", \"password\": \"correct horse battery\"}")
    public record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 200) String password) {
    }

    public record ResetRequest(@NotBlank @Size(max = 254) String email) {
    }

    public record NewPasswordRequest(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 200) String newPassword) {
    }

    /** The account's settings; {@code anonymousReviews} or {@code mailOnReply} left out (null) keeps that choice. */
    public record SettingsRequest(@NotBlank @Size(min = 2, max = 80) String displayName,
                                  @Schema(nullable = true) Boolean anonymousReviews,
                                  @Schema(nullable = true, description = "Mail me when an organisation answers my "
                                          + "questionnaire") Boolean mailOnReply) {
    }

    /** A colleague an organisation admin adds for its subtree (mailed a link to set a password if new). */
    public record StaffRequest(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(min = 2, max = 80) String displayName,
                               @NotNull Role role) {
    }

    /** An organisation role and who holds it. */
    public record StaffMember(long userId, String email, String displayName, String role, long organizationId,
                              @Schema(nullable = true) String position) {
    }

    /** Who holds a role of the portal's own (a moderator): the admin's list. */
    public record Holder(long userId, String email, String displayName) {
    }

    /** A moderator's account as the portal admin issues it: the address and the person's full name. */
    @Schema(name = "ModeratorInvitation")
    public record NewModerator(@NotBlank @Email @Size(max = 254) String email,
                               @NotBlank @Size(min = 3, max = 120) String displayName) {
    }

    /** Asks for a sign-in code by mail; {@code next} is the page the mailed link opens after signing in. */
    public record EmailCodeRequest(@NotBlank @Email @Size(max = 254) String email,
                                   @Schema(nullable = true) @Size(max = 300) String next) {
    }

    /**
     * The code from the mail (eight digits; spaces and a dash are forgiven), or the token of the mailed link (which the
     * code page carries): one of the two.
     */
    public record EmailCodeVerification(@NotBlank @Email @Size(max = 254) String email,
                                        @Pattern(regexp = "\\s*\\d{4}[\\s-]?\\d{4}\\s*") String code,
                                        @Schema(nullable = true) @Pattern(regexp = "[A-Za-z0-9_-]{43}") String token) {
    }

    /** A new password; the current one too, unless the account has none yet (signed in by a mailed code). */
    public record PasswordChange(@Schema(nullable = true, description = "Required when the account has a password")
                                 @Size(max = 200) String currentPassword,
                                 @NotBlank @Size(max = 200) String newPassword) {
    }
}

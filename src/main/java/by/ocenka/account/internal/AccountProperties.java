package by.ocenka.account.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bootstrapAdmin the first admin, created at start-up in the local run mode when no admin exists
 * @param emailCode      the one-time sign-in codes mailed to citizens
 */
@ConfigurationProperties("ocenka.accounts")
public record AccountProperties(BootstrapAdmin bootstrapAdmin, EmailCode emailCode) {

    public AccountProperties {
        bootstrapAdmin = bootstrapAdmin == null ? new BootstrapAdmin(null, null) : bootstrapAdmin;
        emailCode = emailCode == null ? new EmailCode(null, 0, null, 0) : emailCode;
    }

    /**
     * @param validity  how long a code works (15 minutes)
     * @param tries     wrong codes allowed before a new one must be asked for (5)
     * @param resendGap the least time between two codes to one address (30 seconds)
     * @param perHour   codes one address may get in an hour (6)
     */
    public record EmailCode(Duration validity, int tries, Duration resendGap, int perHour) {
        public EmailCode {
            validity = validity == null ? Duration.ofMinutes(15) : validity;
            tries = tries <= 0 ? 5 : tries;
            resendGap = resendGap == null ? Duration.ofSeconds(30) : resendGap;
            perHour = perHour <= 0 ? 6 : perHour;
        }
    }

    /** Empty e-mail: no admin is created; empty password: one is generated and printed once, when the admin is made. */
    public record BootstrapAdmin(String email, String password) {
        boolean configured() {
            return email != null && !email.isBlank();
        }

        boolean passwordGiven() {
            return password != null && !password.isBlank();
        }
    }
}

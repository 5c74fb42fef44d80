package by.ocenka.account.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bootstrapAdmin the first admin, created at start-up in the local run mode when no admin exists
 */
@ConfigurationProperties("ocenka.accounts")
public record AccountProperties(BootstrapAdmin bootstrapAdmin) {

    public AccountProperties {
        bootstrapAdmin = bootstrapAdmin == null ? new BootstrapAdmin(null, null) : bootstrapAdmin;
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

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

    /** Empty e-mail or password: no admin is created. */
    public record BootstrapAdmin(String email, String password) {
        boolean configured() {
            return email != null && !email.isBlank() && password != null && !password.isBlank();
        }
    }
}

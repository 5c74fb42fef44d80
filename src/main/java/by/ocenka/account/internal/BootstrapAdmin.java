package by.ocenka.account.internal;

import java.security.SecureRandom;
import java.time.Duration;

import by.ocenka.account.AccountService;
import by.ocenka.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * In the local run mode, the first admin from {@code ocenka.accounts.bootstrap-admin}, so that a fresh checkout can
 * reach the back office: the configured password ({@code OCENKA_ADMIN_PASSWORD}), else a generated one printed in the
 * log once. Runs once at start-up on the main thread; does nothing when an admin exists.
 */
@Component
@ConditionalOnProperty(name = "ocenka.run-mode", havingValue = "local")
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final AccountService accounts;
    private final AccountProperties properties;

    BootstrapAdmin(AccountService accounts, AccountProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    /** 20 letters and digits from the system's strong random source (about 119 bits). */
    static String generated() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    @Override
    public void run(ApplicationArguments args) {
        AccountProperties.BootstrapAdmin admin = properties.bootstrapAdmin();
        if (!admin.configured()) {
            return;
        }
        Boolean exists = accounts.anyWithRole(Role.ADMIN).block(Duration.ofSeconds(30));
        if (!Boolean.TRUE.equals(exists)) {
            String password = admin.passwordGiven() ? admin.password() : generated();
            accounts.create(admin.email(), password, "Administrator", true, Role.ADMIN, null)
                    .block(Duration.ofSeconds(30));
            if (admin.passwordGiven()) {
                log.info("Created the first admin {} (local run mode) with the configured password", admin.email());
            } else {
                // Shown this once: it is stored only as a hash.
                log.warn("Created the first admin {} (local run mode) with the password {} — shown once, change it "
                        + "after logging in (or set OCENKA_ADMIN_PASSWORD before the first start)", admin.email(), password);
            }
        }
    }
}

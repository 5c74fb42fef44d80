package by.ocenka.account.internal;

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
 * reach the back office. Runs once at start-up on the main thread; does nothing when an admin exists.
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

    @Override
    public void run(ApplicationArguments args) {
        AccountProperties.BootstrapAdmin admin = properties.bootstrapAdmin();
        if (!admin.configured()) {
            return;
        }
        Boolean exists = accounts.anyWithRole(Role.ADMIN).block(Duration.ofSeconds(30));
        if (!Boolean.TRUE.equals(exists)) {
            accounts.create(admin.email(), admin.password(), "Administrator", true, Role.ADMIN, null)
                    .block(Duration.ofSeconds(30));
            log.info("Created the first admin {} (local run mode)", admin.email());
        }
    }
}

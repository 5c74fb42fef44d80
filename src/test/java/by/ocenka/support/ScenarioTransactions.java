package by.ocenka.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What Modulith's {@code Scenario} needs to run in a module test: a blocking {@link TransactionTemplate} around its
 * stimulus. The portal's transactions are reactive (R2DBC) and each use case opens its own, so the template here has
 * nothing to begin or commit; it only lets a scenario start.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ScenarioTransactions {

    @Bean
    TransactionTemplate scenarioTransactionTemplate() {
        return new TransactionTemplate(new AbstractPlatformTransactionManager() {
            @Override
            protected Object doGetTransaction() {
                return new Object();
            }

            @Override
            protected void doBegin(Object transaction, TransactionDefinition definition) {
            }

            @Override
            protected void doCommit(DefaultTransactionStatus status) {
            }

            @Override
            protected void doRollback(DefaultTransactionStatus status) {
            }
        });
    }
}

package by.ocenka.platform;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/** Runs something once the surrounding reactive transaction has committed (at once when there is none). */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static Mono<Void> run(Runnable action) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isSynchronizationActive)
                .doOnNext(synchronizations -> synchronizations.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(action);
                    }
                }))
                .switchIfEmpty(Mono.fromRunnable(action))
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(action))
                .then();
    }
}

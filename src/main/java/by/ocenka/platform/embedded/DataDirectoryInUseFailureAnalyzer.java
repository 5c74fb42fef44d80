package by.ocenka.platform.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a second local start on the same data into a short explanation instead of a stack trace. */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis(
                "Another Ocenka instance is already running with its embedded PostgreSQL and Redis on "
                        + cause.dataDir() + ". Two servers on one data directory would corrupt it, so this one stopped.",
                "Stop the running instance first (Ctrl-C in its terminal), or start this one on other data with "
                        + "--ocenka.embedded.data-dir=/some/other/dir, or point it at external servers with "
                        + "SPRING_R2DBC_URL and SPRING_DATA_REDIS_HOST.",
                cause);
    }
}

package by.ocenka.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.PartitionSelectorException;
import io.lettuce.core.cluster.models.partitions.Partitions;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisSystemException;

/**
 * Which failures are a storage being unavailable for a moment (503, the client may send again) rather than a defect
 * (500): what a Redis Cluster answers while a master fails over among them. The failover itself is in
 * {@code RedisClusterTest}; these are the answers it may or may not happen to meet in a given run.
 */
class StorageFailuresTest {

    @Test
    void aClusterFailingOverIsUnavailableNotAnError() {
        for (String answer : new String[] {"CLUSTERDOWN The cluster is down", "TRYAGAIN Multiple keys request during rehashing",
                "LOADING Redis is loading the dataset in memory", "MASTERDOWN Link with MASTER is down",
                "READONLY You can't write against a read only replica."}) {
            assertThat(ProblemExceptionHandler.storageUnavailable(
                    new RedisSystemException("Error in execution", new RedisCommandExecutionException(answer)))).as(answer).isTrue();
        }
        // A slot whose master was failed and not yet replaced: no node to send the command to.
        assertThat(ProblemExceptionHandler.storageUnavailable(new RedisSystemException("Redis exception",
                new PartitionSelectorException("Cannot determine a partition for slot 866", new Partitions())))).isTrue();
    }

    @Test
    void aWrongCommandIsADefect() {
        assertThat(ProblemExceptionHandler.storageUnavailable(new RedisSystemException("Error in execution",
                new RedisCommandExecutionException("WRONGTYPE Operation against a key holding the wrong kind of value")))).isFalse();
        assertThat(ProblemExceptionHandler.storageUnavailable(new RedisSystemException("Error in execution",
                new RedisCommandExecutionException("CROSSSLOT Keys in request don't hash to the same slot")))).isFalse();
        assertThat(ProblemExceptionHandler.storageUnavailable(new IllegalStateException("bug"))).isFalse();
    }
}

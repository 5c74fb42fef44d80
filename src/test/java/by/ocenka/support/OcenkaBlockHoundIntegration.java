package by.ocenka.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Known false alarms: calls that read a little from the kernel's entropy pool or a class-path resource once and
 * are not worth moving off the event loop.
 */
public class OcenkaBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
        builder.allowBlockingCallsInside("java.security.SecureRandom", "nextBytes");
        builder.allowBlockingCallsInside("java.security.SecureRandom", "next");
        // Lettuce guards each connection's writes with a short lock. Under contention an event-loop thread parks on
        // it for microseconds; an error thrown there by BlockHound leaves the lock held for ever (every later command
        // then spins: lettuce issues 3804/3880). Not a blocking call worth moving: allowed.
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive");
        builder.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory", "doInLock");
        // On a Redis Cluster, Lettuce's own I/O threads take the lock of its table of node connections when a connect
        // completes or a topology refresh lands, and may wait on it for a moment. The portal's threads never do: its
        // commands leave from a dispatch thread of their own (RedisClusterDispatch). Allowed on Lettuce's threads only,
        // so that a command sent from an event loop is still caught; an error thrown inside the lock would leave it
        // wedged (as for SharedLock above).
        builder.blockingMethodCallback(method -> {
            if (!(Thread.currentThread().getName().startsWith("lettuce-") && insideClusterConnectionTable())) {
                throw new BlockingOperationError(method);
            }
        });
        // Jackson builds a type's deserializer once, under a lock; concurrent first requests wait for it briefly.
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
        // Bean Validation builds a type's constraint metadata once, under a segment lock: two first validations of the
        // same request type at the same instant may wait on each other for that moment.
        builder.allowBlockingCallsInside("org.hibernate.validator.internal.metadata.BeanMetaDataManagerImpl", "getBeanMetaData");
    }

    private static boolean insideClusterConnectionTable() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                frame -> frame.getClassName().equals("io.lettuce.core.cluster.PooledClusterConnectionProvider")));
    }
}

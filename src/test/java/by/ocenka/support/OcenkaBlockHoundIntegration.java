package by.ocenka.support;

import reactor.blockhound.BlockHound;
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
    }
}

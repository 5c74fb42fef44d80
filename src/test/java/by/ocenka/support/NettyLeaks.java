package by.ocenka.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

/**
 * Netty's leak reports, kept for the tests to fail on: the suite runs with {@code io.netty.leakDetection.level=paranoid}
 * (every buffer tracked) and every integration test ends by asserting that no buffer was found unreleased since the
 * last one. A report comes when the collector finds the buffer, so it may fail the test after the one that leaked;
 * its records say where the buffer was made and last used. Buffers of the tests' own HTTP clients (whose records pass
 * through Netty's {@code HttpClientCodec}) are logged but do not fail: a test that checks only a status leaves the
 * response unread, which is the test's business, not the portal's.
 */
public final class NettyLeaks {

    private static final List<String> FOUND = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private NettyLeaks() {
    }

    /** Before Netty makes its first buffer (its detectors are made once per buffer type). */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
                return new ResourceLeakDetector<>(resource, samplingInterval) {
                    @Override
                    protected void reportTracedLeak(String resourceType, String records) {
                        // The tests' own HTTP clients (a response a test only checks the status of is never read):
                        // not the portal's buffers.
                        if (!records.contains("HttpClientCodec")) {
                            FOUND.add(resourceType + " leaked:" + records);
                        }
                        super.reportTracedLeak(resourceType, records);
                    }

                    @Override
                    protected void reportUntracedLeak(String resourceType) {
                        FOUND.add(resourceType + " leaked (no records)");
                        super.reportUntracedLeak(resourceType);
                    }
                };
            }
        });
    }

    /** The reports since the last call. */
    public static List<String> drain() {
        List<String> reports = new ArrayList<>(FOUND);
        FOUND.removeAll(reports);
        return reports;
    }
}

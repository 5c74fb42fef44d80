package by.ocenka.support;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

/**
 * Netty's leak reports, each tied to the test that made the buffer. The suite runs with
 * {@code io.netty.leakDetection.level=paranoid} (every buffer tracked, with the places it was made and used); every
 * buffer also carries, from its birth, the name of the test running then. Netty reports a leak only once the garbage
 * collector has found the buffer unreachable, so {@link #collect()} runs a collection and lets Netty report what it
 * found: called at the end of each test, the leaks of that test are found in that test, and a buffer that outlived its
 * test (held by a connection still open, say) is reported with the name of the test that made it, never another's.
 */
public final class NettyLeaks {

    /** A buffer never released: the test that made it (null when Netty kept no records) and Netty's report. */
    public record Leak(String madeBy, String report) {

        @Override
        public String toString() {
            return "a buffer made during " + (madeBy == null ? "an unknown test" : madeBy) + " leaked: " + report;
        }
    }

    private static final String MADE_DURING = "made during test ";
    private static final Pattern MADE_BY = Pattern.compile(Pattern.quote(MADE_DURING) + "(\\S+)");
    private static final List<Leak> FOUND = new CopyOnWriteArrayList<>();
    private static volatile String runningTest = "(outside any test)";
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
                    protected Object getInitialHint(String resourceType) {
                        return MADE_DURING + runningTest;
                    }

                    @Override
                    protected void reportTracedLeak(String resourceType, String records) {
                        Matcher made = MADE_BY.matcher(records);
                        FOUND.add(new Leak(made.find() ? made.group(1) : null, resourceType + ":" + records));
                        super.reportTracedLeak(resourceType, records);
                    }

                    @Override
                    protected void reportUntracedLeak(String resourceType) {
                        FOUND.add(new Leak(null, resourceType + " (no records)"));
                        super.reportUntracedLeak(resourceType);
                    }
                };
            }
        });
    }

    /** The test whose name new buffers carry from now on. */
    public static void running(String test) {
        runningTest = test.replaceAll("\\s", "_");
    }

    /**
     * Collects garbage and has Netty report every buffer found unreleased, then answers the leaks reported since the
     * last call. Netty looks for collected buffers when it tracks a new one: a buffer made and released here does that,
     * once the collector's findings have reached the reference queues.
     */
    public static List<Leak> collect() {
        System.gc();
        awaitReferenceProcessing();
        probe();
        // Any thread's allocation may have taken a found buffer off the queue first and be writing its report (the
        // records take a moment to format): a second look after that moment gathers it too.
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        probe();
        List<Leak> reports = new ArrayList<>(FOUND);
        FOUND.removeAll(reports);
        return reports;
    }

    private static void probe() {
        ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(1);
        probe.release();
    }

    /**
     * Waits until the JDK's reference handler has put every reference the collection cleared on its queue (what
     * {@code java.nio.Bits} waits for before it gives up on direct memory). The surefire configuration exports the
     * package; without it, a reference of our own that reaches its queue stands in (most of the others are there by
     * then).
     */
    private static void awaitReferenceProcessing() {
        try {
            Object references = Class.forName("jdk.internal.access.SharedSecrets").getMethod("getJavaLangRefAccess").invoke(null);
            Method wait = Class.forName("jdk.internal.access.JavaLangRefAccess").getMethod("waitForReferenceProcessing");
            while ((Boolean) wait.invoke(references)) {
                // another batch was enqueued; look again
            }
        } catch (ReflectiveOperationException | RuntimeException notExported) {
            ReferenceQueue<Object> processed = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), processed);
            System.gc();
            try {
                processed.remove(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sentinel.clear();
        }
    }
}

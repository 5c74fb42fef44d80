package by.ocenka.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The leak check finds a buffer that was never released, in the test that made it, and names that test. */
class NettyLeaksTest {

    @BeforeAll
    static void install() {
        TestServers.configure();
        NettyLeaks.collect();
    }

    @Test
    void aBufferDroppedUnreleasedIsFoundAtOnceAndNamesTheTestThatMadeIt() {
        NettyLeaks.running("NettyLeaksTest.maker");
        dropUnreleased();
        NettyLeaks.running("NettyLeaksTest.bystander");
        assertThat(NettyLeaks.collect()).singleElement()
                .satisfies(leak -> assertThat(leak.madeBy()).isEqualTo("NettyLeaksTest.maker"))
                .satisfies(leak -> assertThat(leak.report()).contains("dropUnreleased"));
        assertThat(NettyLeaks.collect()).isEmpty();
    }

    @Test
    void aReleasedBufferIsNoLeak() {
        NettyLeaks.running("NettyLeaksTest.tidy");
        ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(42);
        buffer.release();
        assertThat(NettyLeaks.collect()).isEmpty();
    }

    private static void dropUnreleased() {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(42);
    }
}

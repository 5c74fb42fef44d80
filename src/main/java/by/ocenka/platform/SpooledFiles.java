package by.ocenka.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A file that a library writes to a stream (a spreadsheet, a PDF of hundreds of pages) sent without holding it in
 * memory: written to a temporary file off the event loops, then read out in 64 KB pieces, and deleted however the
 * answer ends.
 */
public final class SpooledFiles {

    /** What writes the file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final int PIECE = 64 * 1024;

    private SpooledFiles() {
    }

    public static Flux<DataBuffer> send(Writer writer, DataBufferFactory buffers) {
        return Flux.using(() -> Files.createTempFile("ocenka-", ".spool"),
                        file -> Mono.fromRunnable(() -> write(file, writer))
                                .thenMany(DataBufferUtils.read(file, buffers, PIECE)),
                        SpooledFiles::delete)
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static void write(Path file, Writer writer) {
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the system's clean-up takes it
        }
    }
}

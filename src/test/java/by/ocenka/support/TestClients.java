package by.ocenka.support;

import java.time.Duration;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The tests' HTTP clients, all of one kind, that hold no network buffer past their exchange:
 * <ul>
 *   <li>an answer is read whole as it arrives, into ordinary memory (a test that checks only the status never reads
 *   the body, and an unread body would keep its buffers, and its connection, until the connection closed), except an
 *   event stream, which a test reads as it comes;</li>
 *   <li>no compression (Netty's client-side decompressor keeps a buffer when a test stops reading a compressed answer
 *   half-way; the portal's compression is tested in CompressionTest with a plain client);</li>
 *   <li>one connection pool per test, closed at its end ({@link #endOfTest}).</li>
 * </ul>
 * So whatever a test's exchanges leave unreleased is found in that test ({@link NettyLeaks}).
 */
public final class TestClients {

    private static volatile ConnectionProvider pool = newPool();

    /** Every answer but an event stream, read whole and copied out of Netty's buffers before the test sees it. */
    private static final ExchangeFilterFunction READ_AT_ONCE = (request, next) -> next.exchange(request).flatMap(response -> {
        MediaType type = response.headers().contentType().orElse(null);
        if (type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
            return Mono.just(response);
        }
        return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()))
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .map(bytes -> response.mutate().body(bytes.length == 0 ? Flux.empty()
                        : Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes))).build());
    });

    private TestClients() {
    }

    /** A plain HTTP client on this test's pool (for a client of one's own: TLS, headers). */
    public static HttpClient http() {
        return HttpClient.create(pool).compress(false);
    }

    public static WebTestClient webTestClient(String baseUrl) {
        return webTestClient(baseUrl, http());
    }

    public static WebTestClient webTestClient(String baseUrl, HttpClient http) {
        // Map answers, QR images and a scrape after the whole suite run past the default 256 KB.
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http)).baseUrl(baseUrl)
                .filter(READ_AT_ONCE).responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build();
    }

    public static WebClient webClient(String baseUrl) {
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http())).filter(READ_AT_ONCE)
                .baseUrl(baseUrl).build();
    }

    /** Closes this test's connections and opens a new pool for the next test. */
    public static void endOfTest() {
        ConnectionProvider ended = pool;
        pool = newPool();
        ended.disposeLater().block(Duration.ofSeconds(10));
    }

    private static ConnectionProvider newPool() {
        return ConnectionProvider.builder("test-clients").maxConnections(2_000).pendingAcquireMaxCount(-1).build();
    }
}

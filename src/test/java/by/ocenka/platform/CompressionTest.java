package by.ocenka.platform;

import java.time.Duration;

import by.ocenka.support.IntegrationTest;
import by.ocenka.support.TestClients;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers are compressed only in encodings every HTTP client reads, whatever the client says it accepts. (A plain
 * Reactor Netty client: the test client would decode the body and drop the header.)
 */
class CompressionTest extends IntegrationTest {

    @LocalServerPort
    int port;

    private String encodingFor(String acceptEncoding) {
        return TestClients.http().headers(h -> h.set("Accept-Encoding", acceptEncoding))
                .get().uri("http://localhost:" + port + "/v3/api-docs")
                .responseSingle((response, body) -> body.then(Mono.just(
                        String.valueOf(response.responseHeaders().get("Content-Encoding")))))
                .block(Duration.ofSeconds(10));
    }

    @Test
    void aWildcardGetsGzipNeverSnappyAndUnknownEncodingsGetNone() {
        assertThat(encodingFor("*")).isEqualTo("gzip");
        assertThat(encodingFor("gzip, deflate, br, zstd")).isIn("gzip", "deflate");
        assertThat(encodingFor("deflate")).isEqualTo("deflate");
        assertThat(encodingFor("snappy")).isEqualTo("null");
        assertThat(encodingFor("br")).isEqualTo("null");
    }
}

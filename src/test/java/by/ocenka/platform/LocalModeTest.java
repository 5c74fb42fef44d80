package by.ocenka.platform;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local run mode (what the tests run in) is for this machine: loopback only, captured mail only to it. */
class LocalModeTest extends IntegrationTest {

    @Autowired
    Environment environment;
    @LocalServerPort
    int port;
    @Autowired
    MailOutbox mail;

    @Test
    void itListensOnLoopbackOnly() {
        assertThat(environment.getProperty("ocenka.run-mode")).isEqualTo("local");
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        Optional<InetAddress> network = networkAddress();
        network.ifPresent(address -> assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 2000);
            }
        }).isInstanceOf(IOException.class));
    }

    @Test
    void theCapturedMailIsForThisMachineOnly() {
        web.get().uri("/dev/mail").accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk();
        // A client elsewhere, as the (trusted) proxy of the tests forwards it.
        web.get().uri("/dev/mail").header("X-Forwarded-For", "203.0.113.5").accept(MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isNotFound();
        web.get().uri("/dev/mail").header("X-Forwarded-For", "203.0.113.5").accept(MediaType.TEXT_HTML)
                .exchange().expectStatus().isNotFound();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCapturedMailCanBeAskedForOneAddress() {
        mail.queue("Anna.Local@example.org", "Для Анны", "Текст для Анны").block(Duration.ofSeconds(10));
        mail.queue("boris.local@example.org", "Для Бориса", "Текст для Бориса").block(Duration.ofSeconds(10));
        List<Map<String, Object>> anna = web.get().uri(uri -> uri.path("/dev/mail").queryParam("to", "anna.local@example.org").build())
                .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
        assertThat(anna).extracting(m -> m.get("subject")).containsExactly("Для Анны");
        List<Map<String, Object>> all = web.get().uri("/dev/mail").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        assertThat(all).extracting(m -> m.get("subject")).contains("Для Анны", "Для Бориса");
    }

    private static Optional<InetAddress> networkAddress() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }
}

package by.ocenka.support;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;

/**
 * The actuator's port of this test context, as its management server announced it. (@LocalManagementPort read the
 * environment, which named a closed port once a second instance had run in the same JVM.)
 */
public class ManagementPort {

    private volatile int port;

    @EventListener
    void started(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    public int port() {
        return port;
    }
}

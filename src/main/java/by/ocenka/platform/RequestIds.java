package by.ocenka.platform;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every request's id: the one a trusted proxy sent in {@code X-Request-Id} (HAProxy's {@code unique-id}, so its log
 * and ours name the same request), or a new one. It is answered in the same header, an error's problem body carries it as
 * {@code incident}, and log lines written for the request carry it as the MDC field {@code requestId} (in the JSON
 * logs of the prod profile a field of its own).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = RequestIds.class.getName();
    /** What a balancer's id may look like; anything else (or nothing) gets a fresh id. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    /** Only a trusted proxy names the request: from anyone else the header is removed before it is read. */
    RequestIds(TrustedProxies proxies) {
        proxies.onlyFromProxies(HEADER);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String sent = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = sent != null && ACCEPTED.matcher(sent).matches() ? sent
                : fresh();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange);
    }

    /** The request's id (a fresh one outside a request that passed the filter). */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        return id != null ? id : fresh();
    }

    /** Sixteen hex digits (the top bit set, so always sixteen). */
    private static String fresh() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    /**
     * Runs code that logs with the request's id in the MDC: reactive code moves between threads and the MDC does not
     * follow, so it is set around the synchronous piece that writes the lines.
     */
    public static <T> T logging(ServerWebExchange exchange, Supplier<T> work) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, of(exchange))) {
            return work.get();
        }
    }
}

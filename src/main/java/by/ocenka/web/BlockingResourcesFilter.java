package by.ocenka.web;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A few handlers read files synchronously: springdoc scans the class path when it builds the OpenAPI document,
 * and static resources packed in jars (Swagger UI, the webjars, and in the packaged portal our own CSS, scripts and
 * images) are read through blocking streams. Requests for them are handled on the bounded elastic scheduler, so
 * that they never hold an event-loop thread (found by the CitizenQrPeak load suite: a phone's page loads them).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BlockingResourcesFilter implements WebFilter {

    private static final List<PathPattern> BLOCKING = List.of(
            PathPatternParser.defaultInstance.parse("/v3/api-docs/**"),
            PathPatternParser.defaultInstance.parse("/swagger-ui/**"),
            PathPatternParser.defaultInstance.parse("/webjars/**"),
            PathPatternParser.defaultInstance.parse("/css/**"),
            PathPatternParser.defaultInstance.parse("/js/**"),
            PathPatternParser.defaultInstance.parse("/img/**"));

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (BLOCKING.stream().anyMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange).subscribeOn(Schedulers.boundedElastic());
        }
        return chain.filter(exchange);
    }
}

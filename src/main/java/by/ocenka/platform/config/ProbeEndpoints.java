package by.ocenka.platform.config;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /livez} and {@code /readyz} on the public port: the liveness and readiness health groups, as the actuator
 * answers them on the management port. Served by a router function rather than Boot's additional probe paths,
 * whose reflective operation invoker re-reads the nullness of the endpoint method's parameters on every call
 * (a tenth of a probe's CPU in the profile, docs/PERFORMANCE.md).
 */
@Configuration(proxyBeanMethods = false)
class ProbeEndpoints {

    @Bean
    RouterFunction<ServerResponse> probes(ReactiveHealthEndpointWebExtension health) {
        return RouterFunctions.route()
                .GET("/livez", request -> group(health, "liveness"))
                .GET("/readyz", request -> group(health, "readiness"))
                .build();
    }

    private static Mono<ServerResponse> group(ReactiveHealthEndpointWebExtension health, String name) {
        return health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, false, name)
                .flatMap(answer -> ServerResponse.status(answer.getStatus()).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(answer.getBody()));
    }
}

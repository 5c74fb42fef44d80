package by.ocenka.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import by.ocenka.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The suite runs under BlockHound: a blocking call on a Reactor or Netty thread fails the request and its test. */
@Import(BlockHoundTest.BlockingRoutes.class)
class BlockHoundTest extends IntegrationTest {

    @Test
    void blockingCallInsideHandlerIsCaught() {
        web.get().uri("/test/blocking/on-event-loop").exchange()
                .expectStatus().isEqualTo(500)
                .expectBody(String.class).value(body -> assertThat(body)
                        .startsWith("BlockHound: Blocking call!")
                        .contains("java.lang.Thread.sleep"));
    }

    @Test
    void sameCallOffTheEventLoopIsAllowed() {
        web.get().uri("/test/blocking/offloaded").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("slept");
    }

    @Test
    void blockingOnParallelSchedulerFails() {
        Mono.fromCallable(BlockHoundTest::sleep)
                .subscribeOn(Schedulers.parallel())
                .as(StepVerifier::create)
                .expectError(BlockingOperationError.class)
                .verify(Duration.ofSeconds(5));
    }

    private static String sleep() throws InterruptedException {
        Thread.sleep(5);
        return "slept";
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class BlockingRoutes {

        @Bean
        RouterFunction<ServerResponse> blockingRoutes() {
            return RouterFunctions.route()
                    .GET("/test/blocking/on-event-loop", request -> Mono.fromCallable(BlockHoundTest::sleep)
                            .flatMap(body -> ServerResponse.ok().bodyValue(body))
                            .onErrorResume(BlockingOperationError.class, e ->
                                    ServerResponse.status(500).bodyValue("BlockHound: " + e.getMessage())))
                    .GET("/test/blocking/offloaded", request -> Mono.fromCallable(BlockHoundTest::sleep)
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(body -> ServerResponse.ok().bodyValue(body)))
                    .build();
        }
    }
}

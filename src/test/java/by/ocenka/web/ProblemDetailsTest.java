package by.ocenka.web;

import java.util.List;

import by.ocenka.platform.ApiException;
import by.ocenka.support.IntegrationTest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error becomes an RFC 9457 problem in the request's language, and never leaks internals. */
@Import(ProblemDetailsTest.ProbeConfiguration.class)
class ProblemDetailsTest extends IntegrationTest {

    @Test
    void malformedJsonIsBadRequest() {
        post("{\"name\": \"x\", ").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/malformed-body")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.title").isEqualTo("Тело запроса не прочитано")
                .jsonPath("$.instance").isEqualTo("/test/probe/items");
    }

    @Test
    void wrongJsonShapeIsBadRequestWithoutInternals() {
        post("{\"name\": \"x\", \"count\": \"many\"}").expectStatus().isBadRequest()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("malformed-body")
                        .doesNotContain("java.", "Integer", "Exception"));
    }

    @Test
    void validationNamesEachField() {
        citizen().post().uri("/test/probe/items").header("Accept-Language", "en")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \" \", \"count\": 7}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/validation")
                .jsonPath("$.title").isEqualTo("Invalid input")
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[?(@.field == 'name')].message").isEqualTo("is required")
                .jsonPath("$.errors[?(@.field == 'count')].message").isEqualTo("must be at most 5");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        citizen().post().uri("/test/probe/items").contentType(MediaType.TEXT_PLAIN).bodyValue("name=x")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/unsupported-media-type")
                .jsonPath("$.status").isEqualTo(415);
    }

    @Test
    void unknownPathIsNotFound() {
        web.get().uri("/api/v1/no-such-thing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/not-found")
                .jsonPath("$.title").isEqualTo("Не найдено");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        citizen().delete().uri("/test/probe/items").exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().valueMatches("Allow", ".*POST.*")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://ocenka.by/problems/method-not-allowed");
    }

    @Test
    void nonNumericIdAndParameterAreBadRequests() {
        web.get().uri("/test/probe/items/abc").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].message").isEqualTo("должно быть числом");
        web.get().uri("/test/probe/items/1?size=x").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        web.get().uri("/test/probe/items/1?size=1000").header("Accept-Language", "en").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("size")
                .jsonPath("$.errors[0].message").isEqualTo("must be at most 100");
    }

    @Test
    void domainProblemCarriesItsCodeAndMembers() {
        web.get().uri("/test/probe/items/42").header("Accept-Language", "en").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://ocenka.by/problems/probe-conflict")
                .jsonPath("$.title").isEqualTo("Conflict")
                .jsonPath("$.retryAfter").isEqualTo("2026-11-24T00:00:00+03:00");
    }

    @Test
    void unexpectedFailureIsInternalErrorWithIncidentAndNoInternals() {
        web.get().uri("/test/probe/items/13").exchange()
                .expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("\"incident\"", "https://ocenka.by/problems/internal")
                        .doesNotContain("secret-internal-state", "IllegalStateException", "at by.ocenka"));
    }

    /** The balancer's request id names the request in the answer, in the problem and on the error's log line. */
    @Test
    void theRequestIdIsAnsweredNamedAsTheIncidentAndOnTheLogLine() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(ProblemExceptionHandler.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            web.get().uri("/test/probe/items/13").header("X-Request-Id", "lb-7f3a9c0de1b2").exchange()
                    .expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                    .expectHeader().valueEquals("X-Request-Id", "lb-7f3a9c0de1b2")
                    .expectBody().jsonPath("$.incident").isEqualTo("lb-7f3a9c0de1b2");
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(lines.list).anySatisfy(line -> {
            assertThat(line.getFormattedMessage()).contains("lb-7f3a9c0de1b2");
            assertThat(line.getMDCPropertyMap()).containsEntry("requestId", "lb-7f3a9c0de1b2");
        });
        // Without one (or with one that is not an id), each answer gets a fresh id.
        String first = web.get().uri("/api/v1/spheres").header("X-Request-Id", "<script>").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        String second = web.get().uri("/api/v1/spheres").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(first).matches("[0-9a-f]{16}").isNotEqualTo(second);
    }

    private WebTestClient.ResponseSpec post(String json) {
        return citizen().post().uri("/test/probe/items").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    record Item(@NotBlank @Size(max = 50) String name, @Min(1) @Max(5) Integer count) {
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Import(ProbeController.class)
    static class ProbeConfiguration {
    }

    /** Endpoints that fail in each way the handler must render. */
    @RestController
    static class ProbeController {

        @PostMapping(path = "/test/probe/items", consumes = MediaType.APPLICATION_JSON_VALUE)
        Mono<Item> create(@Valid @RequestBody Item item) {
            return Mono.just(item);
        }

        @GetMapping("/test/probe/items/{id}")
        Mono<List<Long>> find(@PathVariable long id, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
            if (id == 42) {
                return Mono.error(new ApiException(HttpStatus.CONFLICT, "probe-conflict")
                        .with("retryAfter", "2026-11-24T00:00:00+03:00"));
            }
            if (id == 13) {
                return Mono.error(new IllegalStateException("secret-internal-state"));
            }
            return Mono.just(List.of(id, (long) size));
        }
    }
}

package by.ocenka.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Holds the API to its own document: every exchange of a test's client under {@code /api/} is recorded, and checked
 * against the live {@code /v3/api-docs} by Atlassian's OpenAPI validator (an implementation nobody here wrote) when
 * the test ends; a violation fails the test that made the call (docs/ARCHITECTURE.md, "The API document"). The
 * document the validator read is written to {@code target/openapi/api-docs.json}.
 * <p>
 * A request the server refused (4xx) is not checked: tests send malformed input on purpose, and refusing it is right.
 * Its answer is checked like any other, problem body included.
 */
public final class ApiContract {

    /** One validator per application under test (a context has its own port); parsing the document takes a second. */
    private static final Map<Integer, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private static final Pattern INDEX = Pattern.compile("/\\d+(?=[/'])");

    private final int port;
    private final Queue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
    private volatile boolean malformedRequests;

    ApiContract(int port) {
        this.port = port;
    }

    /**
     * What one call sent and got back. {@code responseBody} is null for an event stream, which is never read here (it
     * does not end): its status and headers are checked, its events by the tests that read them.
     */
    public record Exchange(String method, String path, Map<String, List<String>> query, HttpHeaders requestHeaders,
                           byte[] requestBody, int status, HttpHeaders responseHeaders, byte[] responseBody) {

        public Exchange withStatus(int other) {
            return new Exchange(method, path, query, requestHeaders, requestBody, other, responseHeaders, responseBody);
        }

        public Exchange withResponseBody(String json) {
            return new Exchange(method, path, query, requestHeaders, requestBody, status, responseHeaders,
                    json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * For a test that sends requests of the wrong shape on purpose to endpoints that answer any request alike (a
     * password reset answers 202 whatever it is sent): from now on its requests are not checked, its answers still are.
     */
    public void requestsAreMalformedOnPurpose() {
        malformedRequests = true;
    }

    /** The exchanges recorded since the last {@link #violations()}, oldest first, without checking them. */
    public List<Exchange> recorded() {
        return List.copyOf(exchanges);
    }

    /** Records each {@code /api/} exchange; the answer's body is read whole here and handed on as a copy. */
    ExchangeFilterFunction recorder() {
        return (request, next) -> {
            if (!request.url().getRawPath().startsWith("/api/")) {
                return next.exchange(request);
            }
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            ClientRequest capturing = ClientRequest.from(request).body(capture(request.body(), sent)).build();
            return next.exchange(capturing).flatMap(response -> {
                boolean stream = response.headers().contentType()
                        .filter(MediaType.TEXT_EVENT_STREAM::isCompatibleWith).isPresent();
                if (stream) {
                    // An event stream does not end: status and headers only, never its body.
                    exchanges.add(exchange(request, sent, response, null));
                    return Mono.just(response);
                }
                // Every other body goes to the validator; it checks the media type of any (CSV, XLSX, PDF, PNG, SVG)
                // and the schema of JSON only, which is all it can parse.
                return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map(body -> {
                    exchanges.add(exchange(request, sent, response, body));
                    return response.mutate()
                            .body(ignored -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)))
                            .build();
                });
            });
        };
    }

    private Exchange exchange(ClientRequest request, ByteArrayOutputStream sent, ClientResponse response, byte[] body) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        UriComponentsBuilder.fromUri(request.url()).build(true).getQueryParams().forEach((name, values) ->
                query.put(decode(name), values.stream().map(v -> v == null ? "" : decode(v)).toList()));
        HttpHeaders responseHeaders = new HttpHeaders();
        responseHeaders.addAll(response.headers().asHttpHeaders());
        byte[] requestBody;
        synchronized (sent) {
            requestBody = malformedRequests ? null : sent.toByteArray();
        }
        return new Exchange(request.method().name(), request.url().getRawPath(), query, request.headers(),
                requestBody, response.statusCode().value(), responseHeaders, body);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** The request's body as written to the wire, copied without touching the buffers' read positions. */
    private static BodyInserter<?, ? super ClientHttpRequest> capture(BodyInserter<?, ? super ClientHttpRequest> body,
                                                                     ByteArrayOutputStream sent) {
        return (message, context) -> body.insert(new ClientHttpRequestDecorator(message) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> buffers) {
                return super.writeWith(Flux.from(buffers).doOnNext(buffer -> copy(buffer, sent)));
            }
        }, context);
    }

    private static void copy(DataBuffer buffer, ByteArrayOutputStream into) {
        try (DataBuffer.ByteBufferIterator views = buffer.readableByteBuffers()) {
            while (views.hasNext()) {
                ByteBuffer view = views.next();
                byte[] bytes = new byte[view.remaining()];
                view.get(bytes);
                synchronized (into) {
                    into.writeBytes(bytes);
                }
            }
        }
    }

    /**
     * Checks what was recorded since the last call: one line per distinct message, naming the operation as the
     * document does ({@code GET /api/v1/organizations/{id}}), the status, the rule and what it found; array indices
     * read {@code *} so that a field null in every item of a page is one line.
     */
    public List<String> violations() {
        Set<String> found = new LinkedHashSet<>();
        for (Exchange exchange; (exchange = exchanges.poll()) != null; ) {
            found.addAll(violationsOf(exchange));
        }
        return List.copyOf(found);
    }

    /** The messages for one exchange, as {@link #violations()} words them. */
    public List<String> violationsOf(Exchange exchange) {
        Set<String> found = new LinkedHashSet<>();
        for (ValidationReport.Message message : check(exchange).getMessages()) {
            // A 404 for a path the API does not have: the document rightly lists no such path.
            boolean unknownPath = exchange.status() == 404 && message.getKey().equals("validation.request.path.missing");
            if (message.getLevel() == ValidationReport.Level.ERROR && !unknownPath) {
                String path = message.getContext().flatMap(ValidationReport.MessageContext::getApiOperation)
                        .map(operation -> operation.getApiPath().original()).orElse(exchange.path());
                found.add(exchange.method() + " " + path + " → " + exchange.status() + ": " + message.getKey() + ": "
                        + INDEX.matcher(message.getMessage()).replaceAll("/*"));
            }
        }
        return List.copyOf(found);
    }

    private ValidationReport check(Exchange exchange) {
        OpenApiInteractionValidator validator = VALIDATORS.computeIfAbsent(port, ApiContract::load);
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), exchange.path());
        exchange.query().forEach(request::withQueryParam);
        exchange.requestHeaders().forEach(request::withHeader);
        if (exchange.requestBody() != null && exchange.requestBody().length > 0) {
            request.withBody(exchange.requestBody());
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().forEach(response::withHeader);
        if (exchange.responseBody() != null && exchange.responseBody().length > 0) {
            response.withBody(exchange.responseBody());
        }
        Request sent = request.build();
        if (exchange.requestBody() == null || exchange.status() >= 400 && exchange.status() < 500) {
            return validator.validateResponse(sent.getPath(), sent.getMethod(), response.build());
        }
        return validator.validate(sent, response.build());
    }

    /** The validator of the document that the application on this port publishes. */
    private static OpenApiInteractionValidator load(int port) {
        String document = TestClients.webTestClient("http://localhost:" + port).mutate()
                .responseTimeout(Duration.ofSeconds(60)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        try {
            Path copy = Path.of("target", "openapi", "api-docs.json");
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OpenApiInteractionValidator.createForInlineApiSpecification(document)
                // The document's server is the address it was read from; the calls' paths start at the root.
                .withBasePathOverride("/")
                .withLevelResolver(LevelResolver.create().build())
                .build();
    }
}

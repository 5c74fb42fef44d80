package by.ocenka.web;

import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.platform.RequestIds;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.cluster.PartitionException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The one place where an error becomes an answer: every exception, from a handler, a filter or the framework,
 * is rendered as an RFC 9457 {@code application/problem+json} body in the request's language. Bad input is a 4xx
 * that says what was wrong; anything unexpected is a 500 with an incident id and no internals.
 */
@Component
@Order(-2) // before Spring Boot's own ErrorWebExceptionHandler
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final MessageSource messages;
    private final ProblemTexts texts;
    private final ObjectProvider<ViewResolver> viewResolvers;
    private final ServerResponse.Context responseContext;

    ProblemExceptionHandler(MessageSource messages, ProblemTexts texts, ServerCodecConfigurer codecs,
                            ObjectProvider<ViewResolver> viewResolvers) {
        this.messages = messages;
        this.texts = texts;
        this.viewResolvers = viewResolvers;
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.responseContext = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        Locale locale = Languages.of(exchange);
        // The log lines an error writes carry the request's id, and the problem names it as its incident.
        Problem problem = RequestIds.logging(exchange, () -> toProblem(ex, locale, RequestIds.of(exchange)));
        ProblemDetail body = problem.detail();
        body.setInstance(URI.create(exchange.getRequest().getPath().value()));
        if (isPage(exchange)) {
            // A person in a browser: the same words on a page of the site, with a way on.
            return ServerResponse.status(body.getStatus())
                    .headers(h -> h.addAll(problem.headers()))
                    .contentType(MediaType.TEXT_HTML)
                    .render("error", Map.of("problem", body, "lang", locale.getLanguage(), "here", "/"))
                    .flatMap(response -> response.writeTo(exchange, pageContext()));
        }
        return ServerResponse.status(body.getStatus())
                .headers(h -> h.addAll(problem.headers()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(body)
                .flatMap(response -> response.writeTo(exchange, responseContext));
    }

    /** A page address asked for by a browser (not the API, the actuator or a static file). */
    private static boolean isPage(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        for (String prefix : NOT_PAGES) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        List<MediaType> accept = exchange.getRequest().getHeaders().getAccept();
        return accept.stream().anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }

    private static final List<String> NOT_PAGES = List.of("/api/", "/actuator", "/dev/", "/v3/", "/swagger-ui",
            "/webjars/", "/css/", "/js/", "/img/", "/oauth2/", "/login/oauth2/");

    private ServerResponse.Context pageContext() {
        List<ViewResolver> resolvers = viewResolvers.orderedStream().toList();
        return new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return responseContext.messageWriters();
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return resolvers;
            }
        };
    }

    private Problem toProblem(Throwable ex, Locale locale, String requestId) {
        if (ex instanceof ApiException api) {
            ProblemDetail detail = problem(api.status(), api.code(), locale, api.args());
            if (!api.fieldErrors().isEmpty()) {
                detail.setProperty("errors", api.fieldErrors().stream()
                        .map(f -> new FieldMessage(f.field(), text(f.messageKey(), f.args(), locale)))
                        .toList());
            }
            api.properties().forEach(detail::setProperty);
            HttpHeaders headers = new HttpHeaders();
            api.headers().forEach(headers::add);
            return new Problem(detail, headers);
        }
        if (ex instanceof WebExchangeBindException bind) {
            List<FieldMessage> errors = new ArrayList<>();
            for (FieldError error : bind.getFieldErrors()) {
                errors.add(new FieldMessage(error.getField(), messages.getMessage(error, locale)));
            }
            bind.getGlobalErrors().forEach(error ->
                    errors.add(new FieldMessage(error.getObjectName(), messages.getMessage(error, locale))));
            return validation(errors, locale);
        }
        if (ex instanceof HandlerMethodValidationException validation) {
            List<FieldMessage> errors = new ArrayList<>();
            validation.getParameterValidationResults().forEach(result -> {
                String name = result.getMethodParameter().getParameterName();
                for (MessageSourceResolvable error : result.getResolvableErrors()) {
                    errors.add(new FieldMessage(name, messages.getMessage(error, locale)));
                }
            });
            return validation(errors, locale);
        }
        if (ex instanceof ServerWebInputException input) {
            return badInput(input, locale);
        }
        if (ex instanceof DataBufferLimitException) {
            return new Problem(problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", locale), HttpHeaders.EMPTY);
        }
        if (ex instanceof UnsupportedMediaTypeStatusException unsupported) {
            return new Problem(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", locale,
                    String.valueOf(unsupported.getContentType()), MediaType.toString(unsupported.getSupportedMediaTypes())),
                    unsupported.getHeaders());
        }
        if (ex instanceof MethodNotAllowedException notAllowed) {
            return new Problem(problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", locale,
                    notAllowed.getHttpMethod()), notAllowed.getHeaders());
        }
        if (ex instanceof NotAcceptableStatusException notAcceptable) {
            return new Problem(problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", locale), notAcceptable.getHeaders());
        }
        if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            HttpStatusCode status = response.getStatusCode();
            String code = status.value() == 404 ? "not-found" : "http-" + status.value();
            return new Problem(problem(status, code, locale), response.getHeaders());
        }
        String incident = requestId;
        HttpStatusCode status;
        if (storageUnavailable(ex)) {
            // PostgreSQL or Redis unreachable or too slow: a prompt 503 the client may retry, not a 500.
            log.warn("Storage unavailable, incident {}: {}", incident, ex.toString());
            status = HttpStatus.SERVICE_UNAVAILABLE;
        } else {
            log.error("Unhandled error, incident {}", incident, ex);
            status = ex instanceof ErrorResponse response ? response.getStatusCode() : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ProblemDetail detail = problem(status, status.value() == 503 ? "unavailable" : "internal", locale, incident);
        detail.setProperty("incident", incident);
        return new Problem(detail, HttpHeaders.EMPTY);
    }

    static boolean storageUnavailable(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
                    || t instanceof TransientDataAccessResourceException || t instanceof TimeoutException
                    || t instanceof R2dbcNonTransientResourceException
                    || t instanceof R2dbcTransientResourceException
                    || t instanceof RedisConnectionException
                    || t instanceof RedisCommandTimeoutException
                    || t.getClass().getName().equals("io.lettuce.core.RedisException")
                    || t instanceof ConnectException || redisFailingOver(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A Redis Cluster between a master's failure and its replica's promotion (no node for a slot, the cluster down, a
     * demoted master still asked), or a node still loading its data.
     */
    private static boolean redisFailingOver(Throwable t) {
        if (t instanceof PartitionException) {
            return true;
        }
        if (!(t instanceof RedisCommandExecutionException)) {
            return false;
        }
        String message = String.valueOf(t.getMessage());
        return message.startsWith("CLUSTERDOWN") || message.startsWith("TRYAGAIN") || message.startsWith("LOADING")
                || message.startsWith("MASTERDOWN") || message.startsWith("READONLY");
    }

    private Problem badInput(ServerWebInputException input, Locale locale) {
        Throwable cause = input.getCause();
        if (cause instanceof TypeMismatchException mismatch) {
            String name = input.getMethodParameter() != null ? input.getMethodParameter().getParameterName()
                    : mismatch.getPropertyName();
            String expected = mismatch.getRequiredType() != null && Number.class.isAssignableFrom(
                    ClassUtils.resolvePrimitiveIfNecessary(mismatch.getRequiredType()))
                    ? "validation.number" : "validation.format";
            return validation(List.of(new FieldMessage(name, text(expected, new Object[0], locale))), locale);
        }
        if (input instanceof MissingRequestValueException missing) {
            return validation(List.of(new FieldMessage(missing.getName(),
                    text("validation.required", new Object[0], locale))), locale);
        }
        if (cause instanceof DecodingException || input.getReason() != null && input.getReason().contains("body")) {
            return new Problem(problem(HttpStatus.BAD_REQUEST, "malformed-body", locale), HttpHeaders.EMPTY);
        }
        return new Problem(problem(HttpStatus.BAD_REQUEST, "bad-request", locale), HttpHeaders.EMPTY);
    }

    private Problem validation(List<FieldMessage> errors, Locale locale) {
        ProblemDetail detail = problem(HttpStatus.BAD_REQUEST, "validation", locale);
        detail.setProperty("errors", errors);
        return new Problem(detail, HttpHeaders.EMPTY);
    }

    private ProblemDetail problem(HttpStatusCode status, String code, Locale locale, Object... args) {
        return texts.problem(status, code, locale, args);
    }

    private String text(String key, Object[] args, Locale locale) {
        return texts.text(key, args, locale);
    }

    /** One field at fault, as the contract's {@code errors: [{field, message}]} shows it. */
    record FieldMessage(String field, String message) {
    }

    private record Problem(ProblemDetail detail, HttpHeaders headers) {
    }

}

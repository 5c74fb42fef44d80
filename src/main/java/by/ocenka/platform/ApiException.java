package by.ocenka.platform;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure that the client should see as an RFC 9457 problem: every feature throws (or emits) this for a
 * refusal it means, and the web layer's exception handler renders it in the request's language.
 * <p>
 * {@code code} names the problem: its type URI is {@code https://ocenka.by/problems/{code}} and its title and
 * detail come from the messages {@code problem.{code}.title} and {@code problem.{code}.detail} (the detail
 * formatted with {@code args}).
 */
public class ApiException extends RuntimeException {

    public static final String TYPE_BASE = "https://ocenka.by/problems/";

    private final HttpStatus status;
    private final String code;
    private final Object[] args;
    private final List<FieldProblem> fieldErrors;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    public ApiException(HttpStatus status, String code, List<FieldProblem> fieldErrors, Object... args) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.args = args;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public ApiException(HttpStatus status, ProblemCode code, Object... args) {
        this(status, code.code(), List.of(), args);
    }

    /** Whether this is the problem a module named {@code code}. */
    public boolean is(ProblemCode code) {
        return this.code.equals(code.code());
    }

    /** A 400 naming the fields at fault. */
    public static ApiException invalid(List<FieldProblem> fieldErrors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation", fieldErrors);
    }

    /**
     * The constant of {@code type} a request parameter names, in any case; {@code otherwise} when it is absent; 400
     * naming the parameter for anything else.
     */
    public static <E extends Enum<E>> E parameter(Class<E> type, String field, String value, E otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(field, "validation.unknown");
        }
    }

    /** A 400 for one field, its message given as a message key with arguments. */
    public static ApiException invalid(String field, String messageKey, Object... args) {
        return invalid(List.of(new FieldProblem(field, messageKey, args)));
    }

    public static ApiException notFound(ProblemCode code, Object... args) {
        return new ApiException(HttpStatus.NOT_FOUND, code, args);
    }

    public static ApiException notFound(String code, Object... args) {
        return new ApiException(HttpStatus.NOT_FOUND, code, args);
    }

    /** Adds a response header, e.g. {@code Retry-After}. */
    public ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    /** Adds a member to the problem body, e.g. {@code retryAfter}. */
    public ApiException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public URI type() {
        return URI.create(TYPE_BASE + code);
    }

    public Object[] args() {
        return args.clone();
    }

    public List<FieldProblem> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    /**
     * One field at fault.
     *
     * @param field      the field's name as the client sent it (a JSON property or a query parameter)
     * @param messageKey the message key of the explanation
     * @param args       its arguments
     */
    public record FieldProblem(String field, String messageKey, Object... args) {
    }
}

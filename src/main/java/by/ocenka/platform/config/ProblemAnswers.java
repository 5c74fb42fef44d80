package by.ocenka.platform.config;

import java.util.List;
import java.util.Map;

import by.ocenka.platform.ApiException;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The error answers of the document, in one place: every error is an RFC 9457 {@code application/problem+json} body
 * (the shared {@code ProblemDetail} schema), and each operation lists the refusals that any operation of its kind can
 * give (a 400 for bad input, a 403 without the CSRF token on a write, a 429 past the write limit...). Controllers
 * annotate only what is their own (a 409, a 410), and that answer gets the problem body here too.
 */
@Component
class ProblemAnswers implements OpenApiCustomizer {

    static final String PROBLEM = "ProblemDetail";

    private static final String PROBLEM_JSON = "application/problem+json";

    /** Paths where every operation needs a session, and those where it also needs a role (SecurityConfiguration). */
    private static final List<String> LOGIN = List.of("/api/v1/me", "/api/v1/cabinet/", "/api/v1/moderation/",
            "/api/v1/admin/");
    private static final List<String> ROLE = List.of("/api/v1/cabinet/", "/api/v1/moderation/", "/api/v1/admin/");

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSchemas("FieldError", new ObjectSchema()
                        .description("One field at fault: a JSON property or a query parameter as the client sent it")
                        .addProperty("field", new StringSchema().example("scores.OVERALL"))
                        .addProperty("message", new StringSchema().example("Оценка от 1 до 5"))
                        .required(List.of("field", "message")))
                .addSchemas(PROBLEM, problem());
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                complete(path, method, operation)));
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        operation.addParametersItem(new HeaderParameter().name("Accept-Language").required(false).schema(new StringSchema())
                .example("ru").description("The language of the answer's texts: ru (the default), be or en"));
        ApiResponses responses = operation.getResponses();
        boolean write = method != PathItem.HttpMethod.GET;
        add(responses, "400", "Bad input: a parameter or the body does not fit; `errors` names each field at fault");
        if (path.contains("{")) {
            add(responses, "404", "No such resource (an unknown or inactive id)");
        }
        if (write || LOGIN.stream().anyMatch(path::startsWith)) {
            add(responses, "401", "Not logged in (where the operation needs a session)");
        }
        if (write || ROLE.stream().anyMatch(path::startsWith)) {
            add(responses, "403", "Forbidden: no CSRF token on a write, or the user lacks the role or scope");
        }
        if (write) {
            add(responses, "429", "Too many writes from this user or address: `Retry-After` says when to try again");
        }
        if (operation.getRequestBody() != null) {
            add(responses, "413", "The body is too large");
            add(responses, "415", "The body's Content-Type is not one the operation takes");
        }
        add(responses, "500", "An unexpected fault: `incident` names it in the logs; nothing was changed");
        add(responses, "503", "Storage unavailable for the moment: nothing was kept; try again");
        responses.forEach((status, response) -> {
            if (status.equals("204") || status.equals("304")) {
                // No body, whatever the handler's return type made of it.
                response.setContent(null);
            } else if (status.startsWith("4") || status.startsWith("5")) {
                // An annotation's examples stay; the body is a problem whatever the annotation's media type said.
                Content content = response.getContent();
                MediaType problem = content == null || content.isEmpty() ? new MediaType() : content.values().iterator().next();
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        problem.schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description));
        }
    }

    private static Schema<?> problem() {
        Schema<Object> retryAfter = new Schema<>()
                .description("When to try again: seconds (429), or the next Minsk midnight (409 daily-limit)")
                .oneOf(List.of(new IntegerSchema(), new StringSchema()
                        .description("ISO-8601, to the minute when the seconds are 0: 2026-11-22T00:00+03:00")));
        return new ObjectSchema()
                .description("An RFC 9457 problem, in the request's language. The members beyond type, title, "
                        + "status, detail and instance are those listed here.")
                .addProperty("type", new StringSchema().format("uri")
                        .description("Names the problem: " + ApiException.TYPE_BASE + "{code}")
                        .example(ApiException.TYPE_BASE + "daily-limit"))
                .addProperty("title", new StringSchema().example("Уже оценено сегодня"))
                .addProperty("status", new IntegerSchema().example(409))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference").description("The request's path"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                        .description("The fields at fault (400 validation)"))
                .addProperty("retryAfter", retryAfter)
                .addProperty("incident", new StringSchema()
                        .description("The request's id (also answered in X-Request-Id) that names the fault in the logs (500, 503)"))
                .required(List.of("type", "title", "status"))
                .example(Map.of("type", ApiException.TYPE_BASE + "validation", "title", "Неверные данные",
                        "status", 400, "instance", "/api/v1/organizations/42/ratings",
                        "errors", List.of(Map.of("field", "scores.OVERALL", "message", "Оценка от 1 до 5"))));
    }
}

package by.ocenka.rating.internal;

import java.util.Locale;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.rating.HistoryImport;
import by.ocenka.rating.HistoryImport.Imported;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The old portal's history, imported by an admin (see {@link HistoryImport}, which the admin's page calls too). */
@RestController
@Tag(name = "Rating")
class HistoryImportController {

    static final String EXAMPLE = """
            external_id,organization_id,unp,date,SIMPLICITY,INFORMATION,TIMELINESS,POLITENESS,OVERALL,service,comment
            old-100001,8943,,2019-03-14,5,5,4,5,5,Выдача справки,"Быстро, вежливо"
            old-100002,,100000001,14.03.2019,3,4,2,4,3,,
            """;

    private final HistoryImport history;

    HistoryImportController(HistoryImport history) {
        this.history = history;
    }

    @PostMapping(path = "/api/v1/admin/imports/questionnaires", consumes = {"text/csv", "text/plain"})
    @Operation(summary = "Import the old portal's questionnaires (admins): anonymous, idempotent by external_id, "
            + "counted in aggregates, rankings and trends when the answer comes",
            description = "A CSV file in UTF-8, comma or semicolon, streamed (any size). The header names the columns in "
                    + "any order: external_id (up to 64 characters), organization_id and/or unp (both: the UNP is the "
                    + "organisation's or a body's above it), date (2019-03-14 or 14.03.2019; not ahead of today), one "
                    + "column per criterion code with a score 1–5 (the five base criteria in every row; an extra "
                    + "criterion's column may be blank: not scored), service (up to 200) and comment (up to 2,000). "
                    + "Valid rows are imported and faulty ones listed by line (the header is line 1), in the request's "
                    + "language; a row whose external_id was imported before is skipped, so a second upload imports "
                    + "nothing. A header that will not do answers 400 and imports nothing.",
            requestBody = @RequestBody(required = true, content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string"),
                            examples = @ExampleObject(value = EXAMPLE)),
                    @Content(mediaType = "text/plain", schema = @Schema(type = "string"))}))
    @ApiResponse(responseCode = "200", description = "What the upload did",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Imported.class),
                    examples = @ExampleObject(value = """
                            {"imported": 1, "skipped": 0, "failed": 1,
                             "errors": [{"line": 3, "message": "нет действующей организации с УНП 100000001"}]}""")))
    @ApiResponse(responseCode = "400", description = "The file is empty, or its header lacks a column, repeats one or "
            + "names one unknown (errors: field header)")
    Mono<Imported> importHistory(@AuthenticationPrincipal CurrentUser caller, ServerWebExchange exchange, Locale locale) {
        Callers.admin(caller);
        return history.importCsv(exchange.getRequest().getBody(), locale);
    }
}

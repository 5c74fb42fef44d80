package by.ocenka.platform.opendata;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.OpenDataDumps;
import by.ocenka.platform.PublicUrls;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The open data: the list of files and the files themselves (CC BY 4.0). */
@RestController
@Tag(name = "Open data")
class OpenDataController {

    /** One file in the list. */
    record Listed(String name, String format, String url, Instant updatedAt, long rows) {
    }

    private static final CacheControl AN_HOUR = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();

    private final OpenDataDumps dumps;
    private final PublicUrls urls;

    OpenDataController(OpenDataDumps dumps, PublicUrls urls) {
        this.dumps = dumps;
        this.urls = urls;
    }

    @GetMapping("/api/v1/open-data")
    @Operation(summary = "The open data files (organisations, daily rankings, anonymised questionnaires; CSV and JSON; "
            + "CC BY 4.0), rewritten every night")
    List<Listed> list() {
        return dumps.dumps().stream().map(d -> new Listed(d.name(), d.format(), urls.url("/open-data/" + d.fileName()),
                d.updatedAt(), d.rows())).toList();
    }

    @GetMapping("/open-data/{file:[a-z]+\\.(?:csv|json)}")
    @Operation(summary = "One open data file; 404 when there is no such file (yet)")
    @ApiResponse(responseCode = "200", description = "The file, CC BY 4.0 (Link rel=license)", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(type = "object",
                    description = "A row")))})
    Mono<ResponseEntity<Resource>> file(@PathVariable String file) {
        return Mono.justOrEmpty(dumps.dump(file))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("open-data-not-found", file)))
                .map(dump -> ResponseEntity.ok()
                        .contentType(dump.format().equals("csv") ? MediaType.parseMediaType("text/csv;charset=UTF-8")
                                : MediaType.APPLICATION_JSON)
                        .cacheControl(AN_HOUR)
                        .header("Link", "<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\"")
                        .lastModified(dump.updatedAt())
                        .body((Resource) new FileSystemResource(dump.file())));
    }
}

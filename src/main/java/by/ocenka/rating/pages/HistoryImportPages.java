package by.ocenka.rating.pages;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import by.ocenka.account.CurrentUser;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.rating.HistoryImport;
import by.ocenka.web.PageController;
import by.ocenka.web.ProblemTexts;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The portal admin's page for the old portal's history: a template to fill in, a file to upload (a plain multipart
 * form, so it works without JavaScript), and what the upload did: imported, skipped, and each faulty line with its
 * problem. The same importer as the API, streaming the file as it arrives.
 */
@PageController
class HistoryImportPages {

    static final String VIEW = "rating/history-import";
    static final String PATH = "/admin/imports/questionnaires";
    static final String TEMPLATE = String.join("\r\n",
            "external_id,organization_id,unp,date,SIMPLICITY,INFORMATION,TIMELINESS,POLITENESS,OVERALL,service,comment",
            "old-100001,8943,,2019-03-14,5,5,4,5,5,Выдача справки,\"Быстро, вежливо\"",
            "old-100002,,100000001,14.03.2019,3,4,2,4,3,,") + "\r\n";

    private final HistoryImport history;
    private final ProblemTexts problems;

    HistoryImportPages(HistoryImport history, ProblemTexts problems) {
        this.history = history;
        this.problems = problems;
    }

    @GetMapping(PATH)
    Mono<Rendering> page(ServerWebExchange exchange) {
        return admin(exchange, user -> Mono.just(Rendering.view(VIEW).build()));
    }

    @GetMapping(PATH + "/template.csv")
    Mono<ResponseEntity<byte[]>> template(ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(user -> user.runsThePortal() ? Mono.just(user)
                        : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden")))
                .map(admin -> ResponseEntity.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment().filename("history-template.csv").build().toString())
                        .body(("\uFEFF" + TEMPLATE).getBytes(StandardCharsets.UTF_8)))
                .switchIfEmpty(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.SEE_OTHER)
                        .header(HttpHeaders.LOCATION, "/login?next=" + PATH).<byte[]>build()));
    }

    /** The file imported as it arrives; the page says what was imported, skipped and refused, line by line. */
    @PostMapping(PATH)
    Mono<Rendering> upload(ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return admin(exchange, user -> exchange.getMultipartData()
                .flatMap(parts -> {
                    Part file = parts.getFirst("file");
                    if (!(file instanceof FilePart chosen) || chosen.filename().isBlank()) {
                        return Mono.just(refused(List.of(problems.text("validation.history.noFile", new Object[0], locale))));
                    }
                    return history.importCsv(chosen.content(), locale)
                            .map(done -> Rendering.view(VIEW).modelAttribute("done", done)
                                    .modelAttribute("truncated", done.errors().size() >= HistoryImport.MAX_ERRORS).build())
                            .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.BAD_REQUEST
                                    ? Mono.just(refused(faults(e, locale))) : Mono.error(e));
                }));
    }

    /** The file refused whole (no file, or a header that will not do): nothing imported, the reasons listed. */
    private static Rendering refused(List<String> faults) {
        return Rendering.view(VIEW).modelAttribute("faults", faults).status(HttpStatus.BAD_REQUEST).build();
    }

    private List<String> faults(ApiException e, Locale locale) {
        if (e.fieldErrors().isEmpty()) {
            return List.of(problems.problem(e, locale).getDetail());
        }
        return e.fieldErrors().stream().map(f -> problems.text(f.messageKey(), f.args(), locale)).toList();
    }

    /** The page for the portal admin; 403 for anyone else, the login page for a visitor. */
    private static Mono<Rendering> admin(ServerWebExchange exchange, Function<CurrentUser, Mono<Rendering>> page) {
        return CurrentUser.of(exchange)
                .flatMap(user -> user.runsThePortal() ? page.apply(user)
                        : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden")))
                .switchIfEmpty(Mono.fromSupplier(() -> Rendering.redirectTo("/login?next=" + PATH).build()));
    }
}

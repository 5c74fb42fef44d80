package by.ocenka.moderation.pages;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import by.ocenka.account.CurrentUser;
import by.ocenka.moderation.ModerationService;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.Languages;
import by.ocenka.web.PageController;
import by.ocenka.web.ProblemTexts;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A government body's registry brought into the catalogue by a moderator, in two steps and without JavaScript: the
 * file is checked first and every faulty row and field listed, nothing written; a clean file is kept for an hour
 * (in Redis, under a random key) and imported, all rows or none, when the moderator confirms. A template to fill in
 * comes with the page.
 */
@PageController
class RegistryImportPages {

    static final String VIEW = "moderation/imports";
    private static final String PATH = "/moderation/imports";
    /** Where a checked file waits for the moderator's go-ahead, and for how long. */
    private static final String KEPT = "ocenka:registry-upload:";
    private static final Duration KEPT_FOR = Duration.ofHours(1);
    private static final Pattern ROW_FIELD = Pattern.compile("row\\[(\\d+)]\\.(.+)");
    static final String TEMPLATE = String.join("\r\n",
            String.join(",", ModerationService.REGISTRY_COLUMNS),
            "Районная библиотека,690000022,\"г. Слуцк, ул. Ленина, 5\",CULTURE,LIBRARY,,53.0274,27.5597",
            "Сельская библиотека-филиал,,\"аг. Гресск, ул. Центральная, 1\",CULTURE,LIBRARY,690000022,,") + "\r\n";

    /** One fault of the file: its line (null: the file or its header), the column and what is wrong. */
    record Fault(Integer line, String column, String message) {
    }

    private final ModerationService moderation;
    private final ReactiveStringRedisTemplate redis;
    private final ProblemTexts problems;

    RegistryImportPages(ModerationService moderation, ReactiveStringRedisTemplate redis, ProblemTexts problems) {
        this.moderation = moderation;
        this.redis = redis;
        this.problems = problems;
    }

    @GetMapping(PATH)
    Mono<Rendering> page(ServerWebExchange exchange) {
        return ModerationPages.moderator(exchange, PATH, user -> Mono.just(view().build()));
    }

    @GetMapping(PATH + "/template.csv")
    Mono<ResponseEntity<byte[]>> template(ServerWebExchange exchange) {
        return CurrentUser.of(exchange)
                .flatMap(user -> user.moderates() ? Mono.just(user)
                        : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden")))
                .map(moderator -> ResponseEntity.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment().filename("registry-template.csv").build().toString())
                        .body(("\uFEFF" + TEMPLATE).getBytes(StandardCharsets.UTF_8)))
                .switchIfEmpty(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.SEE_OTHER)
                        .location(URI.create("/login?next=" + PATH)).<byte[]>build()));
    }

    /** Step one: the file checked, its faults listed; a clean one kept for the go-ahead. */
    @PostMapping(PATH + "/check")
    Mono<Rendering> check(ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        return ModerationPages.moderator(exchange, PATH, user -> uploaded(exchange)
                .flatMap(csv -> moderation.checkRegistry(csv)
                        .flatMap(found -> found.isEmpty() ? keep(csv).map(key -> view()
                                        .modelAttribute("ready", key).modelAttribute("rows", rows(csv)).build())
                                : Mono.just(refused(faults(ApiException.invalid(found), locale))))
                        .onErrorResume(ApiException.class, e -> Mono.just(refused(faults(e, locale)))))
                .switchIfEmpty(Mono.fromSupplier(() -> refused(List.of(new Fault(null, null,
                        problems.text("validation.registry.empty", new Object[0], locale)))))));
    }

    /** Step two: the kept file imported, all rows or none. */
    @PostMapping(PATH + "/{key}")
    Mono<Rendering> importKept(@PathVariable String key, ServerWebExchange exchange) {
        Locale locale = Languages.of(exchange);
        if (!key.matches("[0-9a-f-]{36}")) {
            return Mono.error(ApiException.notFound("page-not-found", key));
        }
        return ModerationPages.moderator(exchange, PATH, user -> redis.opsForValue().getAndDelete(KEPT + key)
                .flatMap(csv -> moderation.importRegistry(csv)
                        .map(ids -> view().modelAttribute("imported", ids.size())
                                .modelAttribute("firstIds", ids.subList(0, Math.min(20, ids.size()))).build())
                        .onErrorResume(ApiException.class, e -> Mono.just(refused(faults(e, locale)))))
                .switchIfEmpty(Mono.fromSupplier(() -> view().modelAttribute("expired", true)
                        .status(HttpStatus.GONE).build())));
    }

    private static Rendering.Builder<?> view() {
        return Rendering.view(VIEW).modelAttribute("tabs", ModerationPages.TABS);
    }

    private static Rendering refused(List<Fault> faults) {
        return view().modelAttribute("faults", faults).status(HttpStatus.BAD_REQUEST).build();
    }

    /** The CSV sent: the file chosen, else the text pasted; empty when there is neither. */
    private static Mono<String> uploaded(ServerWebExchange exchange) {
        return exchange.getMultipartData().flatMap(parts -> {
            Part file = parts.getFirst("file");
            if (file instanceof FilePart chosen && !chosen.filename().isBlank()) {
                return DataBufferUtils.join(chosen.content()).map(buffer -> {
                    try {
                        return buffer.toString(StandardCharsets.UTF_8);
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                });
            }
            Part pasted = parts.getFirst("csv");
            return pasted instanceof FormFieldPart text ? Mono.just(text.value()) : Mono.empty();
        }).map(csv -> csv.startsWith("\uFEFF") ? csv.substring(1) : csv).filter(csv -> !csv.isBlank());
    }

    private Mono<String> keep(String csv) {
        String key = UUID.randomUUID().toString();
        return redis.opsForValue().set(KEPT + key, csv, KEPT_FOR).thenReturn(key);
    }

    private static long rows(String csv) {
        return csv.lines().filter(line -> !line.isBlank()).count() - 1;
    }

    /** The problems of a file as rows of a table: line, column, message, in the file's order. */
    private List<Fault> faults(ApiException e, Locale locale) {
        List<Fault> faults = new ArrayList<>();
        if (e.fieldErrors().isEmpty()) {
            faults.add(new Fault(null, null, problems.problem(e, locale).getDetail()));
        }
        problems.fieldMessages(e, locale).forEach((field, message) -> {
            Matcher row = ROW_FIELD.matcher(field);
            faults.add(row.matches() ? new Fault(Integer.valueOf(row.group(1)), row.group(2), message)
                    : new Fault(null, field.replace("header.", ""), message));
        });
        return faults;
    }
}

package by.ocenka.platform.mail;

import java.time.OffsetDateTime;
import java.util.List;

import by.ocenka.platform.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The local run mode's inbox: every mail the portal would have sent, newest first. Absent in other modes unless
 * {@code ocenka.dev-mail.enabled} (the test suite against external servers).
 */
@RestController
@ConditionalOnExpression("'${ocenka.run-mode:}' == 'local' or ${ocenka.dev-mail.enabled:false}")
@Tag(name = "Development")
class DevMailController {

    record CapturedMail(String to, String subject, String text, OffsetDateTime sentAt) {
    }

    private final MailStore outbox;

    DevMailController(MailStore outbox) {
        this.outbox = outbox;
    }

    @GetMapping(path = "/dev/mail", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Local run mode only: the captured outgoing mail, newest first (only that to one address with ?to=)")
    @ApiResponse(responseCode = "200", description = "The mail", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = CapturedMail.class))))
    @ApiResponse(responseCode = "404", description = "Asked from another machine")
    Mono<List<CapturedMail>> mail(@RequestParam(required = false) String to, ServerWebExchange exchange) {
        if (!fromThisMachine(exchange)) {
            return Mono.error(ApiException.notFound("not-found"));
        }
        return outbox.latest(100, to).map(list -> list.stream()
                .map(m -> new CapturedMail(m.to(), m.subject(), m.text(), m.createdAt())).toList());
    }

    /** The same as a small page, for a developer clicking a confirmation link in the browser. */
    @GetMapping(path = "/dev/mail", produces = MediaType.TEXT_HTML_VALUE)
    Mono<String> page(@RequestParam(required = false) String to, ServerWebExchange exchange) {
        return mail(to, exchange).map(list -> {
            StringBuilder html = new StringBuilder("""
                    <!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1"><title>Ocenka · captured mail</title>
                    </head><body><h1>Captured mail (local run mode)</h1>""");
            if (list.isEmpty()) {
                html.append("<p>No mail yet.</p>");
            }
            for (CapturedMail m : list) {
                html.append("<article><h2>").append(escape(m.subject())).append("</h2><p>To ")
                        .append(escape(m.to())).append(", ").append(m.sentAt()).append("</p><pre>")
                        .append(linkify(escape(m.text()))).append("</pre></article><hr>");
            }
            return html.append("</body></html>").toString();
        });
    }

    /**
     * The captured mail holds reset links: only for a browser on this machine (the client's address, also as a
     * trusted proxy forwards it), for anyone else 404.
     */
    private static boolean fromThisMachine(ServerWebExchange exchange) {
        var remote = exchange.getRequest().getRemoteAddress();
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String linkify(String escaped) {
        return escaped.replaceAll("(https?://[^\\s<]+)", "<a href=\"$1\">$1</a>");
    }
}

package by.ocenka.account;

import java.time.OffsetDateTime;
import java.util.List;

import by.ocenka.platform.mail.MailOutbox;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
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

    private final MailOutbox outbox;

    DevMailController(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/dev/mail")
    @Operation(summary = "Local run mode only: the captured outgoing mail, newest first")
    Mono<List<CapturedMail>> mail() {
        return outbox.latest(100).map(list -> list.stream()
                .map(m -> new CapturedMail(m.to(), m.subject(), m.text(), m.createdAt())).toList());
    }
}

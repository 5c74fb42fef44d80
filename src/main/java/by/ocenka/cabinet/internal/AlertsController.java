package by.ocenka.cabinet.internal;

import java.math.BigDecimal;
import java.util.Set;

import by.ocenka.account.CurrentUser;
import by.ocenka.platform.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A staff member's own alerts: a mail for each questionnaire at or under {@code maxMean}, and a digest. */
@RestController
@Tag(name = "Cabinet")
class AlertsController {

    private static final Set<String> DIGESTS = Set.of("off", "daily", "weekly");

    private final Alerts alerts;

    AlertsController(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/api/v1/cabinet/alerts")
    @Operation(summary = "The user's alerts (maxMean null: no mail per questionnaire; digest off, daily or weekly)")
    Mono<Alerts.Setting> alerts(@AuthenticationPrincipal CurrentUser user) {
        return alerts.of(user);
    }

    @PutMapping("/api/v1/cabinet/alerts")
    @Operation(summary = "Sets the user's alerts for every organisation they manage")
    Mono<Alerts.Setting> set(@AuthenticationPrincipal CurrentUser user, @RequestBody Alerts.Setting setting) {
        if (setting.maxMean() != null && (setting.maxMean().compareTo(BigDecimal.ONE) < 0
                || setting.maxMean().compareTo(BigDecimal.valueOf(5)) > 0)) {
            return Mono.error(ApiException.invalid("maxMean", "validation.range", 1, 5));
        }
        String digest = setting.digest() == null ? "off" : setting.digest();
        if (!DIGESTS.contains(digest)) {
            return Mono.error(ApiException.invalid("digest", "validation.digest"));
        }
        return alerts.set(user, new Alerts.Setting(setting.maxMean(), digest));
    }
}

package by.ocenka.cabinet.internal;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
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

    private final Alerts alerts;

    AlertsController(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/api/v1/cabinet/alerts")
    @Operation(summary = "The user's alerts (maxMean null: no mail per questionnaire; digest off, daily or weekly)")
    Mono<Alerts.Setting> alerts(@AuthenticationPrincipal CurrentUser user) {
        Callers.staff(user);
        return alerts.of(user);
    }

    @PutMapping("/api/v1/cabinet/alerts")
    @Operation(summary = "Sets the user's alerts for every organisation they manage")
    Mono<Alerts.Setting> set(@AuthenticationPrincipal CurrentUser user, @RequestBody Alerts.Setting setting) {
        Callers.staff(user);
        return alerts.set(user, setting);
    }
}

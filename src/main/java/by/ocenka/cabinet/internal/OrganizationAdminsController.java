package by.ocenka.cabinet.internal;

import java.util.Locale;

import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.cabinet.internal.OrganizationAccounts.Issue;
import by.ocenka.cabinet.internal.OrganizationAccounts.Issued;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Admins issue organisation accounts (see {@link OrganizationAccounts}, which the admin's page calls too). */
@RestController
@Tag(name = "Cabinet")
class OrganizationAdminsController {

    private final OrganizationAccounts accounts;

    OrganizationAdminsController(OrganizationAccounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/admin/org-admins")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Admins issue an organisation account (full name, position, e-mail, role, the UNP checked "
            + "against the organisation): a new address gets an account and a mailed link to set the password; an "
            + "existing account is mailed an invitation that its owner accepts while signed in")
    @ApiResponse(responseCode = "400", description = "A field is wrong, the UNP is not the organisation's (nor its legal "
            + "entity's), or the organisation is unknown")
    Mono<Issued> issue(@AuthenticationPrincipal CurrentUser caller, @RequestBody Issue request, Locale locale) {
        Callers.admin(caller);
        return accounts.issue(caller, request, locale);
    }
}

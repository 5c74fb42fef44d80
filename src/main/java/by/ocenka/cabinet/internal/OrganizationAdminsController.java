package by.ocenka.cabinet.internal;

import java.util.List;
import java.util.Locale;

import by.ocenka.account.AccountService;
import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Admins issue organisation admins: the account is the account feature's, the organisation the catalogue's. */
@RestController
@Tag(name = "Cabinet")
class OrganizationAdminsController {

    record OrganizationAdminRequest(@NotBlank @Email @Size(max = 254) String email,
                                    @NotBlank @Size(min = 2, max = 80) String displayName,
                                    @NotNull Long organizationId) {
    }

    /** The account issued: created (mailed a link to set its password) or invited (an existing account). */
    record Issued(String email, String displayName, long organizationId, String role, String status) {
    }

    private final AccountService accounts;
    private final Organizations organizations;

    OrganizationAdminsController(AccountService accounts, Organizations organizations) {
        this.accounts = accounts;
        this.organizations = organizations;
    }

    @PostMapping("/api/v1/admin/org-admins")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Admins issue an organisation admin: a new address gets an account and a mailed link to set the "
            + "password; an existing account is mailed an invitation that its owner accepts while signed in")
    Mono<Issued> issue(@AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody OrganizationAdminRequest request,
                       Locale locale) {
        Callers.admin(caller);
        long organization = request.organizationId();
        return organizations.isActive(organization)
                .flatMap(active -> active ? organizations.names(List.of(organization))
                        : Mono.error(ApiException.invalid("organizationId", "validation.unknown")))
                .flatMap(names -> accounts.issueOrganizationStaff(request.email(), request.displayName(), organization,
                        names.getOrDefault(organization, "#" + organization), Role.ORG_ADMIN, caller.id(), locale))
                .map(issued -> new Issued(request.email().strip(), request.displayName().strip(), organization,
                        Role.ORG_ADMIN.name(), issued.name().toLowerCase(Locale.ROOT)));
    }
}

package by.ocenka.cabinet.internal;

import java.util.Locale;

import by.ocenka.account.AccountService;
import by.ocenka.account.UserView;
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

    private final AccountService accounts;
    private final Organizations organizations;

    OrganizationAdminsController(AccountService accounts, Organizations organizations) {
        this.accounts = accounts;
        this.organizations = organizations;
    }

    @PostMapping("/api/v1/admin/org-admins")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Admins issue an organisation admin account (mailed a link to set the password)")
    Mono<UserView> issue(@Valid @RequestBody OrganizationAdminRequest request, Locale locale) {
        return organizations.isActive(request.organizationId())
                .flatMap(active -> active ? accounts.issueOrganizationAdmin(request.email(), request.displayName(),
                        request.organizationId(), locale)
                        : Mono.error(ApiException.invalid("organizationId", "validation.unknown")))
                .map(UserView::of);
    }
}

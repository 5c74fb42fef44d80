package by.ocenka.cabinet.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import by.ocenka.account.AccountRequests.StaffMember;
import by.ocenka.account.AccountRequests.StaffRequest;
import by.ocenka.account.AccountService;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.cabinet.CabinetAccess;
import by.ocenka.cabinet.CabinetAccess.Need;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * An organisation admin's colleagues: who holds an organisation role anywhere in the subtree, adding one by e-mail
 * (a new account is mailed a link to set its password) and taking a role away. Every change goes to the audit trail.
 */
@RestController
@Tag(name = "Cabinet")
class ColleaguesController {

    private final CabinetAccess scope;
    private final Organizations organizations;
    private final AccountService accounts;
    private final AuditLog audit;

    ColleaguesController(CabinetAccess scope, Organizations organizations, AccountService accounts, AuditLog audit) {
        this.scope = scope;
        this.organizations = organizations;
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/api/v1/cabinet/organizations/{id}/staff")
    @Operation(summary = "The organisation roles held in the subtree (organisation admins)")
    Mono<List<StaffMember>> staff(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return scope.check(user, id, Need.MANAGE)
                .then(organizations.subtree(id, 100_000))
                .flatMap(accounts::organizationStaff);
    }

    @PostMapping("/api/v1/cabinet/organizations/{id}/staff")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Adds a colleague with an organisation role for this organisation (organisation admins)")
    Mono<StaffMember> add(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
                          @Valid @RequestBody StaffRequest request, Locale locale) {
        if (request.role() != Role.ORG_ADMIN && request.role() != Role.ORG_RESPONDER) {
            return Mono.error(ApiException.invalid("role", "validation.role"));
        }
        return scope.check(user, id, Need.MANAGE)
                .then(accounts.issueOrganizationStaff(request.email(), request.displayName(), id, request.role(), locale))
                .flatMap(colleague -> audit.record(user.id(), "staff.add", "user:" + colleague.id(), id,
                                Map.of("role", request.role().name()))
                        .thenReturn(new StaffMember(colleague.id(), colleague.email(), colleague.displayName(),
                                request.role().name(), id)));
    }

    @DeleteMapping("/api/v1/cabinet/organizations/{id}/staff/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Takes a colleague's organisation role for this organisation away (organisation admins)")
    Mono<Void> remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long userId,
                      @RequestParam Role role) {
        if (userId == user.id()) {
            // An admin who removed their own role could lock the subtree out: a colleague or a portal admin does it.
            return Mono.error(new ApiException(HttpStatus.CONFLICT, "own-role"));
        }
        return scope.check(user, id, Need.MANAGE)
                .then(accounts.revokeOrganizationRole(userId, role, id))
                .flatMap(removed -> removed
                        ? audit.record(user.id(), "staff.remove", "user:" + userId, id, Map.of("role", role.name()))
                        : Mono.error(ApiException.notFound("staff-not-found", userId)));
    }
}

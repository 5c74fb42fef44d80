package by.ocenka.cabinet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import by.ocenka.account.AccountRequests.StaffMember;
import by.ocenka.account.Callers;
import by.ocenka.account.CurrentUser;
import by.ocenka.account.OrganizationStaff;
import by.ocenka.account.Role;
import by.ocenka.catalog.Organizations;
import by.ocenka.catalog.Unp;
import by.ocenka.platform.ApiException;
import by.ocenka.platform.ApiException.FieldProblem;
import by.ocenka.platform.Page;
import by.ocenka.platform.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The portal admin issues organisation accounts as the real procedure asks (the full name, the position held, the
 * e-mail, the role, and the UNP of the organisation or of the legal entity it belongs to, checked against the
 * catalogue), lists them and takes roles back. The account is the account feature's, the organisation the catalogue's.
 */
@Service
public class OrganizationAccounts {

    /** An account to issue; {@code role} {@code org-admin} (the default) or {@code org-responder}. */
    public record Issue(String email, String displayName, @Schema(nullable = true) String position,
                        @Schema(nullable = true, description = "The organisation's UNP, or its legal entity's")
                        String unp, Long organizationId,
                        @Schema(nullable = true, allowableValues = {"org-admin", "org-responder"}) String role) {
    }

    /** The account issued: created (mailed a link to set its password) or invited (an existing account). */
    public record Issued(String email, String displayName, long organizationId, String role, String status) {
    }

    /** An organisation role held, as the admin's list shows it. */
    public record Account(StaffMember member, String organization) {
    }

    private final OrganizationStaff accounts;
    private final Organizations organizations;

    OrganizationAccounts(OrganizationStaff accounts, Organizations organizations) {
        this.accounts = accounts;
        this.organizations = organizations;
    }

    /** 201-worthy when issued; 400 naming each field at fault (a UNP that is not the organisation's among them). */
    public Mono<Issued> issue(CurrentUser caller, Issue request, Locale locale) {
        Callers.admin(caller);
        List<FieldProblem> problems = new ArrayList<>();
        String email = strip(request.email());
        String name = strip(request.displayName());
        String position = strip(request.position());
        String unp = strip(request.unp());
        if (email == null || email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add(new FieldProblem("email", "validation.email"));
        }
        if (name == null || name.length() < 2 || name.length() > 80) {
            problems.add(new FieldProblem("displayName", "validation.range", 2, 80));
        }
        if (position != null && position.length() > 120) {
            problems.add(new FieldProblem("position", "validation.tooLong", 120));
        }
        if (unp != null && !Unp.isValid(unp)) {
            problems.add(new FieldProblem("unp", "validation.unp"));
        }
        Role role = request.role() == null || request.role().isBlank() || request.role().equals("org-admin") ? Role.ORG_ADMIN
                : request.role().equals("org-responder") ? Role.ORG_RESPONDER : null;
        if (role == null) {
            problems.add(new FieldProblem("role", "validation.role"));
        }
        if (request.organizationId() == null) {
            problems.add(new FieldProblem("organizationId", "validation.required"));
        }
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.invalid(problems));
        }
        long organization = request.organizationId();
        return organizations.isActive(organization)
                .flatMap(active -> active ? unpOf(organization, unp)
                        : Mono.error(ApiException.invalid("organizationId", "validation.unknown")))
                .then(organizations.names(List.of(organization)))
                .flatMap(names -> accounts.issue(email, name, position, organization,
                        names.getOrDefault(organization, "#" + organization), role, caller.id(), locale))
                .map(issued -> new Issued(email, name, organization, role.name(), issued.name().toLowerCase(Locale.ROOT)));
    }

    /** Every organisation role held, newest accounts first, with the organisations named. */
    public Mono<Page<Account>> list(CurrentUser caller, PageRequest page) {
        Callers.admin(caller);
        return accounts.all(page).flatMap(found -> organizations.names(found.items().stream()
                        .map(StaffMember::organizationId).distinct().toList())
                .map(names -> found.map(m -> new Account(m, names.getOrDefault(m.organizationId(), "#" + m.organizationId())))));
    }

    /** Takes an organisation role back (its sessions end); false when it was not held. */
    public Mono<Boolean> revoke(CurrentUser caller, long userId, Role role, long organizationId) {
        Callers.admin(caller);
        if (role != Role.ORG_ADMIN && role != Role.ORG_RESPONDER) {
            return Mono.error(ApiException.invalid("role", "validation.role"));
        }
        return accounts.revoke(userId, role, organizationId);
    }

    /** Empty when no UNP is given or it is the organisation's or a body's above it (its legal entity); else 400. */
    private Mono<Void> unpOf(long organization, String unp) {
        if (unp == null) {
            return Mono.empty();
        }
        return Mono.zip(organizations.ancestors(organization), organizations.idByUnp(unp).defaultIfEmpty(-1L))
                .flatMap(t -> t.getT1().contains(t.getT2()) ? Mono.<Void>empty()
                        : Mono.error(ApiException.invalid("unp", "validation.unp.organization")));
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

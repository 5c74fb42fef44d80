package by.ocenka.cabinet;

import java.util.List;
import java.util.Set;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.catalog.Organizations;
import by.ocenka.platform.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whose cabinet reaches where: an organisation role covers its organisation and everything below it (the catalogue's
 * ancestors of the organisation asked for); a portal admin sees every organisation. Outside the scope: 403; an
 * unknown organisation: 404.
 */
@Component
public class CabinetAccess {

    /** What a request needs: reading and replying, or managing (colleagues, criteria). */
    public enum Need { READ, MANAGE }

    private final Organizations organizations;

    CabinetAccess(Organizations organizations) {
        this.organizations = organizations;
    }

    /** Completes with the organisation's id when the user may act on it so, else fails with 403 or 404. */
    public Mono<Long> check(CurrentUser user, long organizationId, Need need) {
        if (user == null) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized"));
        }
        return organizations.ancestors(organizationId).flatMap(ancestors -> {
            if (ancestors.isEmpty()) {
                return Mono.error(ApiException.notFound("organization-not-found", organizationId));
            }
            return covers(user, ancestors, need) ? Mono.just(organizationId)
                    : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "outside-scope"));
        });
    }

    public static boolean covers(CurrentUser user, List<Long> ancestors, Need need) {
        if (user.has(Role.ADMIN)) {
            return true;
        }
        Set<Long> admin = user.adminOf();
        Set<Long> responder = user.responderOf();
        return ancestors.stream().anyMatch(id -> admin.contains(id) || need == Need.READ && responder.contains(id));
    }
}

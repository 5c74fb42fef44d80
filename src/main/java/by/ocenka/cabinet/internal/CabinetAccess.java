package by.ocenka.cabinet.internal;

import java.util.List;
import java.util.Map;
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
 * unknown organisation: 404. Only the cabinet's use cases ask, each once per request: pages and the API call a use
 * case and never check scope themselves.
 */
@Component
public class CabinetAccess {

    /** What a request needs: reading and replying, or managing (colleagues, criteria). */
    public enum Need { READ, MANAGE }

    /**
     * What a passed check proves: this user may act so on this organisation. It carries what the check resolved (the
     * organisation's name and the bodies above it), so nothing resolves the organisation again in the request.
     */
    public record Scope(CurrentUser user, long organizationId, String name, List<Long> ancestors, Need need) {

        /** Whether the user may also manage it (an admin over it, or the portal's). */
        public boolean manages() {
            return covers(user, ancestors, Need.MANAGE);
        }
    }

    private final Organizations organizations;

    CabinetAccess(Organizations organizations) {
        this.organizations = organizations;
    }

    /** The scope when the user may act on the organisation so, else fails with 401, 403 or 404. */
    public Mono<Scope> check(CurrentUser user, long organizationId, Need need) {
        if (user == null) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized"));
        }
        return organizations.ancestors(organizationId).flatMap(ancestors -> {
            if (ancestors.isEmpty()) {
                return Mono.error(ApiException.notFound("organization-not-found", organizationId));
            }
            if (!covers(user, ancestors, need)) {
                return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "outside-scope"));
            }
            return organizations.names(List.of(organizationId)).map(names -> new Scope(user, organizationId,
                    names.getOrDefault(organizationId, "#" + organizationId), ancestors, need));
        });
    }

    /** Whether the user's roles reach an organisation with these ancestors (itself first) for this need. */
    public static boolean covers(CurrentUser user, List<Long> ancestors, Need need) {
        if (user.has(Role.ADMIN)) {
            return true;
        }
        Set<Long> admin = user.adminOf();
        Set<Long> responder = user.responderOf();
        return ancestors.stream().anyMatch(id -> admin.contains(id) || need == Need.READ && responder.contains(id));
    }

    /** An organisation and the bodies above it, nearest first (empty for an unknown id). */
    public Mono<List<Long>> ancestors(long organizationId) {
        return organizations.ancestors(organizationId);
    }

    /** The active organisations of a subtree (at most {@code limit}), the head first, then by depth. */
    public Mono<List<Long>> subtree(long organizationId, int limit) {
        return organizations.subtree(organizationId, limit);
    }

    /** The organisation and everything below it (at most {@code limit}), any status. */
    public Mono<List<Long>> descendants(long organizationId, int limit) {
        return organizations.descendants(organizationId, limit);
    }

    /** The names of organisations a scope's view shows (its units, the organisation of a questionnaire). */
    public Mono<Map<Long, String>> names(List<Long> ids) {
        return organizations.names(ids);
    }
}

package by.ocenka.account;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The logged-in user as the session keeps it (as JSON in Redis, so any instance can read it; see
 * {@code account.internal.SessionSerialization}).
 *
 * @param adminOf     the organisations whose subtrees this user administers (organisation admins only)
 * @param responderOf the organisations whose subtrees this user reads and answers for (responders only)
 * @param anonymousReviews whether the user's reviews are published without a name
 * @param since       when the account was created (null: unknown, as in sessions older than the field); fair play
 *                    treats ratings from accounts younger than a day with more suspicion (docs/FAIRPLAY.md)
 */
public record CurrentUser(long id, String email, String displayName, Set<Role> roles, boolean emailConfirmed,
                          Set<Long> adminOf, Set<Long> responderOf, boolean anonymousReviews, Instant since)
        implements AuthenticatedPrincipal {

    public CurrentUser {
        roles = Set.copyOf(roles);
        adminOf = Set.copyOf(adminOf);
        responderOf = Set.copyOf(responderOf);
    }

    public CurrentUser(long id, String email, String displayName, Set<Role> roles, boolean emailConfirmed,
                       Set<Long> adminOf, Set<Long> responderOf) {
        this(id, email, displayName, roles, emailConfirmed, adminOf, responderOf, false, null);
    }

    /** The user signed in on this request, or empty (pages ask so; API handlers take it as a parameter). */
    public static Mono<CurrentUser> of(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(Authentication.class::isInstance)
                .map(principal -> ((Authentication) principal).getPrincipal())
                .filter(CurrentUser.class::isInstance)
                .cast(CurrentUser.class);
    }

    /** Whether the account was created less than {@code age} ago (false when its age is unknown). */
    public boolean youngerThan(Duration age, Instant now) {
        return since != null && since.isAfter(now.minus(age));
    }

    /** The name the user's questionnaires are signed with: none when they chose anonymous reviews. */
    public String signature() {
        return anonymousReviews ? null : displayName;
    }

    /** The account id: what logs, rate-limit keys and audit entries name, rather than the e-mail address. */
    @Override
    public String getName() {
        return String.valueOf(id);
    }

    /** Every organisation this user administers or answers for: the heads of their cabinet's subtrees. */
    public List<Long> staffOf() {
        LinkedHashSet<Long> all = new LinkedHashSet<>(adminOf);
        all.addAll(responderOf);
        return List.copyOf(all);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether the user works the moderators' queues (a moderator or a portal admin). */
    public boolean moderates() {
        return has(Role.MODERATOR) || has(Role.ADMIN);
    }

    /** Whether the user runs the portal (issues organisation accounts). */
    public boolean runsThePortal() {
        return has(Role.ADMIN);
    }

    public List<SimpleGrantedAuthority> authorities() {
        return roles.stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList();
    }
}

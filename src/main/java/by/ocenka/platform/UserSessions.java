package by.ocenka.platform;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each user's login sessions, so that they can be ended together: after a password change (all but the one that
 * changed it), a reset, a change of roles and the account's deletion. A session also ends on its own after the idle
 * timeout ({@code spring.session.timeout}) and, however busy, after {@code ocenka.security.session.absolute-timeout}.
 */
public interface UserSessions {

    /** Remembers that this session now belongs to the user (at login). */
    Mono<Void> started(long userId, String sessionId);

    /** Ends every session of the user but {@code keep} (null: all), on every instance. */
    Mono<Void> endAll(long userId, String keep);

    /** The session changed (its user was refreshed): every instance forgets what it remembered of it. */
    Mono<Void> changed(String sessionId);

    /**
     * The ids of sessions that change or end, on any instance, from now on: what holds a session's rights open (a live
     * stream) closes when its session is among them.
     */
    Flux<String> changes();
}

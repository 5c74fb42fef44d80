package by.ocenka.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import reactor.core.publisher.Mono;

/**
 * The Redis session store, writing a session back only when it changed or when its last access is older than
 * {@code touchInterval}. Spring Session otherwise writes every request's access time to Redis (an HSET and an
 * EXPIRE): two of the six Redis commands of a rating. The price is that an idle session expires up to
 * {@code touchInterval} earlier than the idle timeout says.
 */
final class LazyTouchSessionRepository<S extends Session>
        implements ReactiveSessionRepository<LazyTouchSessionRepository.TrackedSession<S>> {

    /** @param touchInterval how stale the stored access time of an unchanged session may get; zero writes every request */
    @ConfigurationProperties("ocenka.security.session")
    record Settings(Duration touchInterval, Duration absoluteTimeout) {
        Settings {
            touchInterval = touchInterval == null ? Duration.ofMinutes(1) : touchInterval;
            absoluteTimeout = absoluteTimeout == null ? Duration.ofHours(12) : absoluteTimeout;
        }
    }

    private final ReactiveSessionRepository<S> sessions;
    private final Duration touchInterval;
    private final SessionContexts known;

    LazyTouchSessionRepository(ReactiveSessionRepository<S> sessions, Settings settings, SessionContexts known) {
        this.sessions = sessions;
        this.touchInterval = settings.touchInterval();
        this.known = known;
    }

    @Override
    public Mono<TrackedSession<S>> createSession() {
        return sessions.createSession().map(session -> new TrackedSession<>(session, null));
    }

    @Override
    public Mono<Void> save(TrackedSession<S> session) {
        if (!session.needsSaving(touchInterval)) {
            return Mono.empty();
        }
        // What other instances remember of a changed session (its user, say) is out of date once it is saved.
        Mono<Void> forget = !session.changed ? Mono.empty()
                : known.changed(session.getId()).then(session.idWhenRead.equals(session.getId()) ? Mono.empty()
                : known.changed(session.idWhenRead));
        return sessions.save(session.stored).then(forget);
    }

    @Override
    public Mono<TrackedSession<S>> findById(String id) {
        return sessions.findById(id).map(session -> new TrackedSession<>(session, session.getLastAccessedTime()));
    }

    @Override
    public Mono<Void> deleteById(String id) {
        return sessions.deleteById(id).then(known.changed(id));
    }

    /** A stored session that remembers whether anything but its access time changed since it was read. */
    static final class TrackedSession<S extends Session> implements Session {

        private final S stored;
        /** The access time as read from Redis; null for a new session. */
        private final Instant accessedWhenRead;
        /** The id it was read under (a login changes it: the old one must be forgotten too). */
        private final String idWhenRead;
        private volatile boolean changed;

        TrackedSession(S stored, Instant accessedWhenRead) {
            this.stored = stored;
            this.accessedWhenRead = accessedWhenRead;
            this.idWhenRead = stored.getId();
        }

        boolean needsSaving(Duration touchInterval) {
            return changed || accessedWhenRead == null
                    || Duration.between(accessedWhenRead, stored.getLastAccessedTime()).compareTo(touchInterval) >= 0;
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return stored.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String name) {
            return stored.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            changed = true;
            stored.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            changed = true;
            stored.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            stored.setLastAccessedTime(lastAccessedTime);
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed = true;
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}

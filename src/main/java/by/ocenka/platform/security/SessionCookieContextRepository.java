package by.ocenka.platform.security;

import java.time.Duration;
import java.time.Instant;

import by.ocenka.platform.InProcessRequests;
import by.ocenka.platform.Sessions;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The security context from the session, asked for only when the request carries a session cookie, and then first
 * from {@link SessionContexts} (memory) before Redis. Without a cookie the request is anonymous: asking would create
 * a session for it (a random id from the operating system, generated on a worker thread and handed back), which on a
 * public page or a health probe cost more than everything else it does. A session known from memory still has its
 * access time written to Redis in the background every {@code touch-interval}, so that its idle timeout holds.
 */
final class SessionCookieContextRepository implements ServerSecurityContextRepository {

    private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
    private final SessionContexts known;
    private final ReactiveSessionRepository<? extends Session> store;
    private final Duration touchInterval;
    private final Duration absoluteTimeout;

    SessionCookieContextRepository(SessionContexts known, ReactiveSessionRepository<? extends Session> store,
                                   LazyTouchSessionRepository.Settings settings) {
        this.known = known;
        this.store = store;
        this.touchInterval = settings.touchInterval();
        this.absoluteTimeout = settings.absoluteTimeout();
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        String before = Sessions.id(exchange);
        Mono<Void> forget = before == null ? Mono.empty() : known.changed(before);
        return sessions.save(exchange, context).then(forget);
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        InProcessRequests.Origin origin = InProcessRequests.of(exchange);
        if (origin != null) {
            // This instance rendering a page for itself: whom for is in the request (a stand-in, or nobody).
            return Mono.justOrEmpty(origin.principal()).map(SecurityContextImpl::new);
        }
        String id = Sessions.id(exchange);
        if (id == null) {
            return Mono.empty();
        }
        SessionContexts.Known remembered = known.get(id);
        if (remembered != null && !tooOld(remembered.created())) {
            touchIfDue(id, remembered);
            return Mono.justOrEmpty(remembered.context());
        }
        return exchange.getSession().flatMap(session -> {
            if (!session.isStarted()) {
                return Mono.<SecurityContext>empty(); // an unknown or expired session id: anonymous, nothing to keep
            }
            if (tooOld(session.getCreationTime())) {
                // However busy, a session ends after the absolute timeout: the user logs in again.
                return session.invalidate().then(known.changed(id)).then(Mono.<SecurityContext>empty());
            }
            SecurityContext context = session.getAttribute(
                    WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME);
            known.put(session.getId(), context, Instant.now(), session.getCreationTime());
            return Mono.justOrEmpty(context);
        });
    }

    private void touchIfDue(String id, SessionContexts.Known remembered) {
        Instant now = Instant.now();
        if (Duration.between(remembered.touched(), now).compareTo(touchInterval) < 0) {
            return;
        }
        known.put(id, remembered.context(), now, remembered.created());
        touch(store, id, now).subscribe(null, e -> { });
    }

    private static <S extends Session> Mono<Void> touch(ReactiveSessionRepository<S> store, String id, Instant now) {
        return store.findById(id).flatMap(session -> {
            session.setLastAccessedTime(now);
            return store.save(session);
        });
    }

    private boolean tooOld(Instant created) {
        return created.plus(absoluteTimeout).isBefore(Instant.now());
    }

}

package by.ocenka.platform.security;

import by.ocenka.platform.UserSessions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link UserSessions} as a Redis set of session ids per user ({@code ocenka:user-sessions:{id}}), living as long as a
 * session may. Ending a session deletes it from the session store and tells every instance to forget what it
 * remembered of it ({@link SessionContexts}); ids of sessions that already ended on their own are simply dropped.
 */
@Component
class RedisUserSessions implements UserSessions {

    static String key(long userId) {
        return "ocenka:user-sessions:" + userId;
    }

    private final ReactiveStringRedisTemplate redis;
    private final ReactiveRedisSessionRepository store;
    private final SessionContexts known;
    private final LazyTouchSessionRepository.Settings settings;

    RedisUserSessions(ReactiveStringRedisTemplate redis, ReactiveRedisSessionRepository store, SessionContexts known,
                      LazyTouchSessionRepository.Settings settings) {
        this.redis = redis;
        this.store = store;
        this.known = known;
        this.settings = settings;
    }

    @Override
    public Mono<Void> started(long userId, String sessionId) {
        String key = key(userId);
        return redis.opsForSet().add(key, sessionId).then(redis.expire(key, settings.absoluteTimeout())).then();
    }

    @Override
    public Mono<Void> changed(String sessionId) {
        return known.changed(sessionId);
    }

    @Override
    public Flux<String> changes() {
        return known.changes();
    }

    @Override
    public Mono<Void> endAll(long userId, String keep) {
        String key = key(userId);
        return redis.opsForSet().members(key)
                .filter(id -> !id.equals(keep))
                .concatMap(id -> store.deleteById(id).then(known.changed(id))
                        .then(redis.opsForSet().remove(key, id)))
                .then();
    }
}

package by.ocenka.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * A Lua script run by its SHA-1 (computed once here), loaded on the first NOSCRIPT. Spring's {@code RedisScript}
 * takes a lock on every run to read its lazily computed SHA, which under load parks event-loop threads on the
 * hottest path of the portal.
 */
public final class LuaScript {

    private final String source;
    private final String sha;
    private final ReturnType returnType;

    public LuaScript(String source, ReturnType returnType) {
        this.source = source;
        this.returnType = returnType;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the script with these keys and arguments; answers its first result. */
    public <T> Mono<T> run(ReactiveRedisTemplate<?, ?> redis, List<String> keys, List<String> args) {
        List<ByteBuffer> keysAndArgs = new ArrayList<>(keys.size() + args.size());
        keys.forEach(k -> keysAndArgs.add(bytes(k)));
        args.forEach(a -> keysAndArgs.add(bytes(a)));
        ByteBuffer[] array = keysAndArgs.toArray(ByteBuffer[]::new);
        return EventLoops.back(redis.execute(connection -> connection.scriptingCommands()
                        .<T>evalSha(sha, returnType, keys.size(), copy(array))
                        .onErrorResume(LuaScript::notLoaded,
                                e -> connection.scriptingCommands().<T>eval(bytes(source), returnType, keys.size(), copy(array))))
                .next());
    }

    private static boolean notLoaded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).startsWith("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static ByteBuffer[] copy(ByteBuffer[] buffers) {
        ByteBuffer[] copies = new ByteBuffer[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            copies[i] = buffers[i].duplicate();
        }
        return copies;
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}

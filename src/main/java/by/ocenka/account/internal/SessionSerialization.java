package by.ocenka.account.internal;

import java.util.regex.Pattern;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.jackson.SecurityJacksonModules;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Login sessions are kept in Redis as JSON, not Java serialisation: reading a session never instantiates a class
 * that the session names unless it is on a short list (Spring Security's own types, registered by its Jackson
 * modules, the JDK's plain values and collections, and the logged-in user), so a value planted in Redis cannot run
 * a gadget chain, and an operator can read a session with {@code redis-cli}.
 */
@Configuration(proxyBeanMethods = false)
class SessionSerialization {

    /** The JDK's values and collections a session holds: named one by one, never a whole package. */
    private static final Pattern PLAIN_VALUES = Pattern.compile("java\\.lang\\.(String|Long|Integer|Boolean)"
            + "|java\\.time\\.Instant"
            + "|java\\.util\\.(ArrayList|LinkedHashMap|HashMap|HashSet|LinkedHashSet"
            + "|Collections\\$Unmodifiable\\w+|ImmutableCollections\\$\\w+)");

    /** The name Spring Session looks the serializer up by. */
    @Bean
    @Qualifier("springSessionDefaultRedisSerializer")
    RedisSerializer<Object> springSessionDefaultRedisSerializer() {
        ClassLoader loader = SessionSerialization.class.getClassLoader();
        BasicPolymorphicTypeValidator.Builder allowed = BasicPolymorphicTypeValidator.builder()
                .allowIfSubType(CurrentUser.class)
                .allowIfSubType(Role.class)
                .allowIfSubType(PLAIN_VALUES);
        PolymorphicTypeValidator types = allowed.build();
        return new UnreadableAsAbsent(GenericJacksonJsonRedisSerializer.builder()
                .enableDefaultTyping(types)
                .customize(json -> json.addModules(SecurityJacksonModules.getModules(loader, allowed)))
                .build());
    }

    /**
     * A value that cannot be read (a type not on the list, a session written by another version) is left out, as if
     * the session did not hold it: without its security context the request is anonymous, not a 500.
     */
    private record UnreadableAsAbsent(RedisSerializer<Object> json) implements RedisSerializer<Object> {

        private static final Logger log = LoggerFactory.getLogger(SessionSerialization.class);

        @Override
        public byte[] serialize(Object value) {
            return json.serialize(value);
        }

        @Override
        public Object deserialize(byte[] bytes) {
            try {
                return json.deserialize(bytes);
            } catch (SerializationException e) {
                log.warn("A session value could not be read and is ignored: {}", e.getMessage());
                return null;
            }
        }
    }
}

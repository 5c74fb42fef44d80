package by.ocenka.rating.pages;

import java.util.Map;

import by.ocenka.account.EmailCodes;
import by.ocenka.platform.Digests;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of a citizen who asked for a sign-in code from the rating form, kept with the code (in Redis, under the
 * address's digest and the organisation, for as long as the code works): whichever browser confirms the code (a mail
 * app's own browser opening the mailed link) sends them. The session's copy is used first when it is there; either
 * way both are taken, so the answers are sent once.
 */
@Component
class MailedDrafts {

    private static final String KEY = "ocenka:rating-draft:";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> DRAFT = new TypeReference<>() { };

    private final ReactiveStringRedisTemplate redis;
    private final EmailCodes codes;

    MailedDrafts(ReactiveStringRedisTemplate redis, EmailCodes codes) {
        this.redis = redis;
        this.codes = codes;
    }

    /** Keeps the answers (already cut to the form's own fields) until the code expires. */
    Mono<Void> keep(String email, long organizationId, Map<String, String> draft) {
        return redis.opsForValue().set(key(email, organizationId), JSON.writeValueAsString(draft), codes.codeValidity()).then();
    }

    /** The answers kept for this address and organisation, taken away (empty when none or expired). */
    Mono<Map<String, String>> take(String email, long organizationId) {
        return redis.opsForValue().getAndDelete(key(email, organizationId)).map(json -> JSON.readValue(json, DRAFT));
    }

    private static String key(String email, long organizationId) {
        return KEY + Digests.sha256Hex(EmailCodes.normalize(email)) + ":" + organizationId;
    }
}

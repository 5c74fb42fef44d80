package by.ocenka.platform.security;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring's masking CSRF handler: what a page or {@code /api/v1/auth/csrf} shows is the token XOR-ed with fresh random
 * bytes, different on every answer, so that a compressed page reflecting input leaks nothing (BREACH). A request may
 * send the masked token or, as API clients that echo the {@code XSRF-TOKEN} cookie do, the token itself. The random
 * bytes come from a DRBG seeded once at start-up, never from a read of {@code /dev/urandom} on an event loop.
 */
final class MaskedCsrfTokens implements ServerCsrfTokenRequestHandler {

    private final XorServerCsrfTokenRequestAttributeHandler masked = new XorServerCsrfTokenRequestAttributeHandler();
    private final ServerCsrfTokenRequestAttributeHandler plain = new ServerCsrfTokenRequestAttributeHandler();

    MaskedCsrfTokens() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[16]);
            masked.setSecureRandom(random);
            // The registry upload is a multipart form (a file, without JavaScript): its _csrf field counts too.
            masked.setTokenFromMultipartDataEnabled(true);
            plain.setTokenFromMultipartDataEnabled(true);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void handle(ServerWebExchange exchange, Mono<CsrfToken> csrfToken) {
        masked.handle(exchange, csrfToken);
    }

    @Override
    public Mono<String> resolveCsrfTokenValue(ServerWebExchange exchange, CsrfToken csrfToken) {
        return masked.resolveCsrfTokenValue(exchange, csrfToken)
                .switchIfEmpty(Mono.defer(() -> plain.resolveCsrfTokenValue(exchange, csrfToken)));
    }
}

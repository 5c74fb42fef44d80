package by.ocenka.web;

import by.ocenka.platform.ApiException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Form bodies: a page's must say its length and stay under 64 KB (413 before anything reads it), and one that cannot
 * be decoded is a 400 wherever it is posted. The pages' forms are small (a questionnaire with a 2,000-character comment is under 10 KB): a form posted to a
 * page route must say its length and stay under 64 KB, else 413 before anything reads it. The API keeps the codecs'
 * larger limit (registry imports), and so does the moderators' registry upload page (4 MB); the admin's upload of the
 * old portal's history may be large (it is streamed, and a part past the codecs' limit waits on disk, not in memory).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PageFormLimit implements WebFilter {

    static final long MAX_BYTES = 64 * 1024;
    /** A registry file a moderator uploads on its page (5,000 rows). */
    static final long MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
    static final String UPLOAD_PATH = "/moderation/imports/check";
    /** The old portal's history (500,000 questionnaires are about 50 MB of CSV). */
    static final long MAX_HISTORY_BYTES = 512L * 1024 * 1024;
    static final String HISTORY_PATH = "/admin/imports/questionnaires";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        MediaType type = request.getHeaders().getContentType();
        boolean form = type != null && (MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)
                || MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type));
        if (!form) {
            return chain.filter(exchange);
        }
        long length = request.getHeaders().getContentLength();
        String path = request.getPath().value();
        long limit = path.equals(UPLOAD_PATH) ? MAX_UPLOAD_BYTES : path.equals(HISTORY_PATH) ? MAX_HISTORY_BYTES : MAX_BYTES;
        if (!path.startsWith("/api/") && (length < 0 || length > limit)) {
            return Mono.error(new ApiException(HttpStatus.CONTENT_TOO_LARGE, "too-large"));
        }
        return chain.filter(new UndecodableFormIsBadRequest(exchange));
    }

    /** A form body that is not URL-encoded ({@code %%%}) is the client's fault: 400, not a server error. */
    private static final class UndecodableFormIsBadRequest extends ServerWebExchangeDecorator {

        UndecodableFormIsBadRequest(ServerWebExchange exchange) {
            super(exchange);
        }

        @Override
        public Mono<MultiValueMap<String, String>> getFormData() {
            return super.getFormData().onErrorMap(IllegalArgumentException.class,
                    e -> new ApiException(HttpStatus.BAD_REQUEST, "bad-request"));
        }
    }
}

package by.ocenka.web.cache;

import java.net.URI;
import java.util.List;

import by.ocenka.platform.InProcessRequests;
import by.ocenka.platform.Languages;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Renders a kept page again, in this process: the application's own handler (its filters, the security chain, the
 * page's controller and template) is called with a request made here, as the page's visitors would send it. No
 * network, no port, no secret: the request is marked by its native object ({@link InProcessRequests}), which nothing
 * from outside can carry. The cache's filter sees the mark and keeps what the page writes; the response itself goes
 * nowhere.
 */
@Component
class InProcessRenderer {

    private final ObjectProvider<HttpHandler> application;

    InProcessRenderer(ObjectProvider<HttpHandler> application) {
        this.application = application;
    }

    /** Renders the page of this key, for {@code principal} (a stand-in) or for nobody signed in. */
    Mono<Void> render(PageKey key, Authentication principal) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(key.route().type()));
        headers.set(HttpHeaders.HOST, "127.0.0.1");
        if (key.fragment()) {
            headers.set("HX-Request", "true");
        }
        MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
        cookies.add(Languages.COOKIE, new HttpCookie(Languages.COOKIE, key.language()));
        Request request = new Request(URI.create("http://127.0.0.1" + key.pathAndQuery()), headers, cookies,
                new InProcessRequests.Origin(key, principal));
        return Mono.defer(() -> application.getObject().handle(request, new Discarded()));
    }

    /** A GET made here: no body, no TLS, no client address; its native object marks it. */
    private static final class Request extends AbstractServerHttpRequest {

        private final MultiValueMap<String, HttpCookie> cookies;
        private final InProcessRequests.Origin origin;

        Request(URI uri, HttpHeaders headers, MultiValueMap<String, HttpCookie> cookies, InProcessRequests.Origin origin) {
            super(HttpMethod.GET, uri, "", headers);
            this.cookies = cookies;
            this.origin = origin;
        }

        @Override
        protected MultiValueMap<String, HttpCookie> initCookies() {
            return cookies;
        }

        @Override
        protected SslInfo initSslInfo() {
            return null;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.empty();
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T getNativeRequest() {
            return (T) origin;
        }
    }

    /** A response nobody reads: what is written is released (the cache's filter has kept its copy). */
    private static final class Discarded extends AbstractServerHttpResponse {

        Discarded() {
            super(DefaultDataBufferFactory.sharedInstance);
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T getNativeResponse() {
            return (T) this;
        }

        /** As a server's response: 200 unless the handler said otherwise. */
        @Override
        public HttpStatusCode getStatusCode() {
            HttpStatusCode status = super.getStatusCode();
            return status != null ? status : HttpStatus.OK;
        }

        @Override
        protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
            return Flux.from(body).doOnNext(DataBufferUtils::release).then();
        }

        @Override
        protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return Flux.from(body).concatMap(Flux::from).doOnNext(DataBufferUtils::release).then();
        }

        @Override
        protected void applyStatusCode() {
        }

        @Override
        protected void applyHeaders() {
        }

        @Override
        protected void applyCookies() {
        }
    }
}

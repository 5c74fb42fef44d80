package by.ocenka.web.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import by.ocenka.platform.InProcessRequests;
import by.ocenka.platform.Languages;
import by.ocenka.web.SharedSignedInPages;
import by.ocenka.web.SignedInVisitors;
import by.ocenka.web.WebProperties;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The public reads as visitors get them, kept rendered: a QR scan opens the rating form, and rendering a page costs
 * milliseconds of template work and several queries, while sending kept bytes costs microseconds. The subsystem's
 * parts, each a class of this package (docs/ARCHITECTURE.md draws a GET's way through them):
 * <ul>
 *   <li>{@link CachedRoutes} and {@link PageKey}: which routes are kept, and under which key (path and query, language,
 *   fragment or page, anonymous or every signed-in visitor's);</li>
 *   <li>{@link PageStore}: the kept pages (Caffeine, bounded by bytes);</li>
 *   <li>{@link InProcessRenderer}: renders a page again in this process, through the application's own handler;</li>
 *   <li>personalisation ({@link RenderedPage}): a kept page is cut where the visitor's own values go (the CSRF token of
 *   its forms, a signed-in visitor's name) and filled in when sent; which signed-in visitors share the kept rating
 *   form is for the features to say ({@link SignedInVisitors}, {@link SharedSignedInPages});</li>
 *   <li>{@link PageRefresher}: invalidation by events, and renders in the background when a page gets old;</li>
 *   <li>this filter: answers from the store, renders and keeps what is missing (the first reader renders, whoever asks
 *   meanwhile waits for that render; a bounded number render at once, {@link RenderPermits}), and sends with HTTP caching ({@code ETag}, a short {@code Cache-Control} with
 *   {@code stale-while-revalidate}, a gzip copy). A page with a form carries the visitor's own CSRF token and is
 *   never offered to shared caches.</li>
 * </ul>
 * Page code knows nothing of it: a render for the cache is a request like any other.
 */
@Component
@Order(0) // after the security chain (order -100), whose CSRF token the forms need
class PublicReadCache implements WebFilter {

    private static final Duration RENDER_WAIT = Duration.ofSeconds(5);
    private static final String SHARED_CACHE_CONTROL = "public, max-age=%d, stale-while-revalidate=60";
    private static final String PRIVATE_CACHE_CONTROL = "private, no-cache";
    private static final String VARY = "Accept-Encoding, Accept-Language, Cookie";

    private final PageStore store;
    private final PageRefresher refresher;
    private final ObjectProvider<SignedInVisitors> visitors;
    private final ObjectProvider<SharedSignedInPages> sharedPages;
    /** First renders at once ({@code ocenka.web.first-renders}); the rest wait their turn. */
    private final RenderPermits firstRenders;
    /** Pages being rendered for the first time, with those waiting for them. */
    private final Map<PageKey, Sinks.One<RenderedPage>> rendering = new ConcurrentHashMap<>();

    PublicReadCache(PageStore store, PageRefresher refresher, ObjectProvider<SignedInVisitors> visitors,
                    ObjectProvider<SharedSignedInPages> sharedPages, WebProperties properties) {
        this.firstRenders = new RenderPermits(properties.firstRenders());
        this.store = store;
        this.refresher = refresher;
        this.visitors = visitors;
        this.sharedPages = sharedPages;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        InProcessRequests.Origin origin = InProcessRequests.of(exchange);
        if (origin != null && origin.purpose() instanceof PageKey key) {
            return render(exchange, chain, key); // the renderer asking: render and keep, whatever is kept now
        }
        PageKey key = PageKey.anonymous(exchange);
        if (key != null) {
            return serve(exchange, chain, key);
        }
        PageKey signedIn = PageKey.signedInForm(exchange);
        return signedIn != null ? signedIn(exchange, chain, signedIn) : chain.filter(exchange);
    }

    private Mono<Void> serve(ServerWebExchange exchange, WebFilterChain chain, PageKey key) {
        RenderedPage page = store.get(key);
        if (page == null) {
            return firstRender(exchange, chain, key);
        }
        if (key.old(page)) {
            refresher.refreshOld(key);
        }
        return send(exchange, chain, key, page, null);
    }

    /**
     * A page nobody has yet: the first reader renders it, and whoever asks for it meanwhile waits for that render
     * rather than render it too (a popular organisation's page after a restart, say). First renders take their turn
     * ({@link RenderPermits}).
     */
    private Mono<Void> firstRender(ServerWebExchange exchange, WebFilterChain chain, PageKey key) {
        Sinks.One<RenderedPage> mine = Sinks.one();
        Sinks.One<RenderedPage> earlier = rendering.putIfAbsent(key, mine);
        if (earlier == null) {
            return firstRenders.run(Mono.defer(() -> render(exchange, chain, key))).doFinally(signal -> {
                rendering.remove(key, mine);
                mine.tryEmitEmpty(); // not kept (an error, say): those waiting render for themselves
            });
        }
        return earlier.asMono().map(Optional::of).defaultIfEmpty(Optional.empty())
                .timeout(RENDER_WAIT, Mono.just(Optional.empty()))
                // Not kept after all (the render failed), or still queued for its turn: ask again, so that one reader
                // renders it and the others go on waiting, rather than each render it.
                .flatMap(kept -> kept.isPresent() ? send(exchange, chain, key, kept.get(), null)
                        : firstRender(exchange, chain, key));
    }

    /**
     * A signed-in visitor's rating form: the kept render for every signed-in visitor, with this one's name put in,
     * when the feature says this visitor sees it so (confirmed, and not rated there today); else rendered for them.
     */
    private Mono<Void> signedIn(ServerWebExchange exchange, WebFilterChain chain, PageKey key) {
        SignedInVisitors signedIn = visitors.getIfAvailable();
        SharedSignedInPages shared = sharedPages.getIfAvailable();
        if (signedIn == null || shared == null) {
            return chain.filter(exchange);
        }
        return signedIn.of(exchange)
                .filter(SignedInVisitors.Visitor::confirmed)
                .flatMap(visitor -> shared.sameForVisitor(visitor.id(), key.organizationId())
                        .map(same -> same ? Optional.of(visitor) : Optional.<SignedInVisitors.Visitor>empty()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(visitor -> {
                    if (visitor.isEmpty()) {
                        return chain.filter(exchange);
                    }
                    RenderedPage page = store.get(key);
                    if (page == null) {
                        refresher.refresh(key); // this visitor's page is rendered for them; the next ones get the kept one
                    } else if (key.old(page)) {
                        refresher.refreshOld(key);
                    }
                    return page == null ? chain.filter(exchange)
                            : send(exchange, chain, key, page, HtmlUtils.htmlEscape(visitor.get().displayName()));
                });
    }

    /** Sends a kept page; {@code name} (HTML-escaped) goes where a signed-in page shows the visitor's name. */
    private Mono<Void> send(ServerWebExchange exchange, WebFilterChain chain, PageKey key, RenderedPage page, String name) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(key.route().type());
        headers.set(HttpHeaders.VARY, VARY);
        if (!page.shared()) {
            headers.set(HttpHeaders.CACHE_CONTROL, PRIVATE_CACHE_CONTROL);
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            if (token == null) {
                return render(exchange, chain, key); // the security chain was skipped: nothing to put in the form
            }
            return token.flatMap(t -> write(response, page.fill(t.getToken(), name)));
        }
        headers.setETag(page.etag());
        headers.set(HttpHeaders.CACHE_CONTROL, exchange.getRequest().getQueryParams().containsKey(Languages.PARAMETER)
                ? PRIVATE_CACHE_CONTROL : SHARED_CACHE_CONTROL.formatted(Math.min(10, key.route().maxAge().toSeconds())));
        if (page.etag().equals(exchange.getRequest().getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return response.setComplete();
        }
        if (acceptsGzip(exchange.getRequest())) {
            headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
            return write(response, page.gzip());
        }
        return write(response, page.fill(null, null));
    }

    private static Mono<Void> write(ServerHttpResponse response, byte[] bytes) {
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    /** Renders the page as usual, keeping what it wrote when it is a page worth keeping (200, of the route's type). */
    private Mono<Void> render(ServerWebExchange exchange, WebFilterChain chain, PageKey key) {
        ServerHttpResponse original = exchange.getResponse();
        ServerHttpResponseDecorator keeping = new ServerHttpResponseDecorator(original) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return DataBufferUtils.join(body).flatMap(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    Mono<Void> kept = keep(exchange, key, getStatusCode(), getHeaders(), bytes);
                    return kept.then(super.writeWith(Mono.just(bufferFactory().wrap(bytes))));
                });
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return writeWith(Flux.from(body).flatMapSequential(p -> p));
            }
        };
        return chain.filter(exchange.mutate().response(keeping).build());
    }

    private Mono<Void> keep(ServerWebExchange exchange, PageKey key, HttpStatusCode status, HttpHeaders headers,
                            byte[] bytes) {
        MediaType type = headers.getContentType();
        if (!HttpStatus.OK.equals(status) || type == null || !key.route().type().isCompatibleWith(type)
                || headers.containsHeader(HttpHeaders.CONTENT_ENCODING)) {
            return Mono.empty();
        }
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        Mono<String> used = token == null ? Mono.just("") : token.map(CsrfToken::getToken).defaultIfEmpty("");
        String name = key.signedIn() ? PageRefresher.NAME_PLACEHOLDER : null;
        return used.doOnNext(value -> {
            RenderedPage page = RenderedPage.of(bytes, value, name, System.currentTimeMillis());
            store.put(key, page);
            Sinks.One<RenderedPage> waiting = rendering.remove(key);
            if (waiting != null) {
                waiting.tryEmitValue(page);
            }
        }).then();
    }

    private static boolean acceptsGzip(ServerHttpRequest request) {
        String accept = request.getHeaders().getFirst(HttpHeaders.ACCEPT_ENCODING);
        return accept != null && accept.contains("gzip");
    }
}

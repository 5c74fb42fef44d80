package by.ocenka.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.platform.Languages;
import by.ocenka.platform.LocalCache;
import by.ocenka.platform.Sessions;
import by.ocenka.catalog.OrganizationsAdded;
import by.ocenka.rating.RatingRecords.AggregatesRebuilt;
import by.ocenka.rating.RatingRecords.OrganizationRated;
import by.ocenka.rating.RatingSubmission;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.annotation.PreDestroy;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The public reads as anonymous visitors get them, kept rendered ({@link CachedRoutes}): a QR scan opens the rating
 * form, and rendering a page costs milliseconds of template work and several queries (a JSON answer, its
 * serialisation and look-ups), while sending kept bytes costs microseconds.
 * <ul>
 *   <li>Kept per address and language, for requests without a session cookie: the home page, an organisation's page
 *   and rating form, search, rankings, map and infographics, and the JSON of an organisation, its reviews and
 *   children, search, rankings, spheres, regions and statistics. A logged-in visitor's rating form is kept too, with
 *   a stand-in user whose name is replaced by the visitor's when sent; any other page of a logged-in visitor is
 *   rendered for them.</li>
 *   <li>Fresh: an answer is rendered again in the background (by asking this instance for it over loopback) when its
 *   organisation's figures change on any instance (within half a second), and when it is older than its route allows
 *   and read; meanwhile readers get the previous bytes. Nobody waits for a render but the first reader.</li>
 *   <li>A page with a form carries the visitor's own CSRF token: it is kept with the token cut out and filled with the
 *   visitor's when sent, and never offered to shared caches.</li>
 *   <li>HTTP caching: an {@code ETag} (a 304 for a matching {@code If-None-Match}) and a short {@code Cache-Control}
 *   with {@code stale-while-revalidate}, so browsers and proxies take their share; a gzip copy for clients that
 *   accept it.</li>
 * </ul>
 */
@Component
@Order(0) // after the security chain (order -100), whose CSRF token the rating form needs
class PublicReadCache implements WebFilter, LocalCache {

    private static final Logger log = LoggerFactory.getLogger(PublicReadCache.class);
    /** Marks a loopback request that renders a page for the cache (its value is this instance's secret). */
    private static final String RENDER_HEADER = "X-Ocenka-Render";
    private static final Duration REFRESH_DELAY = Duration.ofMillis(250);
    private static final Duration RENDER_WAIT = Duration.ofSeconds(5);
    private static final String SHARED_CACHE_CONTROL = "public, max-age=%d, stale-while-revalidate=60";
    private static final String PRIVATE_CACHE_CONTROL = "private, no-cache";
    private static final String VARY = "Accept-Encoding, Accept-Language, Cookie";

    /**
     * A kept page: where it is, in which language, whether it is the search's results fragment, and for a logged-in
     * visitor's rating form which of its two forms (the questionnaire, or "already rated today"); null for anyone's.
     */
    record Key(String pathAndQuery, String language, boolean fragment, CachedRoutes.Route route, long organizationId,
               Boolean ratedToday) {

        Key personal(boolean rated) {
            return new Key(pathAndQuery, language, fragment, route, organizationId, rated);
        }

        boolean old(RenderedPage page) {
            return System.currentTimeMillis() - page.renderedAt() > route.maxAge().toMillis();
        }
    }

    /** Exchange attributes of a render for the cache of logged-in rating forms (read by the pages). */
    static final String TEMPLATE_USER = PublicReadCache.class.getName() + ".user";
    static final String TEMPLATE_RATED_TODAY = PublicReadCache.class.getName() + ".ratedToday";
    private static final String TEMPLATE_HEADER = "X-Ocenka-Template";
    /** The stand-in logged-in user such a render shows; its name is replaced by the visitor's when sent. */
    private static final String NAME_PLACEHOLDER = "ocenka-name-placeholder-5f1c";
    private static final CurrentUser STAND_IN = new CurrentUser(-1, "stand-in@ocenka.invalid", NAME_PLACEHOLDER,
            Set.of(Role.CITIZEN), true, Set.of(), Set.of());

    private final Cache<Key, RenderedPage> pages;
    private final RatingSubmission submission;
    private final WebClient client;
    private final String secret = java.util.UUID.randomUUID().toString();
    private final Set<Key> refreshing = ConcurrentHashMap.newKeySet();
    /** Pages being rendered for the first time, with those waiting for them. */
    private final Map<Key, Sinks.One<RenderedPage>> rendering = new ConcurrentHashMap<>();
    private final Set<Long> changedOrganizations = ConcurrentHashMap.newKeySet();
    private final Disposable refresher;
    private volatile int port;

    PublicReadCache(MeterRegistry meters, RatingSubmission submission, WebProperties properties) {
        this.submission = submission;
        this.pages = Caffeine.newBuilder()
                .maximumWeight(properties.publicCacheSize().toBytes())
                .weigher((Key key, RenderedPage page) -> page.weight())
                .expireAfterAccess(Duration.ofHours(1))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, pages, "web.public-reads");
        this.client = WebClient.create();
        // Organisations whose figures changed are re-rendered together, at most four times a second.
        this.refresher = Flux.interval(REFRESH_DELAY).subscribe(tick -> refreshChanged());
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    /** An organisation's figures changed (here or on another instance): its pages are rendered again shortly. */
    @EventListener
    void rated(OrganizationRated event) {
        changedOrganizations.add(event.organizationId());
    }

    /** Organisations were added, or every figure was recomputed: nothing kept may be trusted. */
    @EventListener({OrganizationsAdded.class, AggregatesRebuilt.class})
    void everythingChanged() {
        pages.invalidateAll();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Key key = key(exchange);
        if (key == null) {
            return personalRatingForm(exchange) ? personal(exchange, chain) : chain.filter(exchange);
        }
        if (secret.equals(exchange.getRequest().getHeaders().getFirst(RENDER_HEADER))) {
            String template = exchange.getRequest().getHeaders().getFirst(TEMPLATE_HEADER);
            if (template != null) { // a logged-in rating form with a stand-in user, for every logged-in visitor
                exchange.getAttributes().put(TEMPLATE_USER, STAND_IN);
                exchange.getAttributes().put(TEMPLATE_RATED_TODAY, Boolean.parseBoolean(template));
                return render(exchange, chain, key.personal(Boolean.parseBoolean(template)));
            }
            return render(exchange, chain, key); // a refresh: render and keep, whatever is kept now
        }
        return serve(exchange, chain, key);
    }

    private Mono<Void> serve(ServerWebExchange exchange, WebFilterChain chain, Key key) {
        RenderedPage page = pages.getIfPresent(key);
        if (page == null) {
            return firstRender(exchange, chain, key);
        }
        if (key.old(page)) {
            refresh(key);
        }
        return send(exchange, chain, key, page, null);
    }

    /**
     * A page nobody has yet: the first reader renders it, and whoever asks for it meanwhile waits for that render
     * rather than render it too (a popular organisation's page after a restart, say).
     */
    private Mono<Void> firstRender(ServerWebExchange exchange, WebFilterChain chain, Key key) {
        Sinks.One<RenderedPage> mine = Sinks.one();
        Sinks.One<RenderedPage> earlier = rendering.putIfAbsent(key, mine);
        if (earlier == null) {
            return render(exchange, chain, key).doFinally(signal -> {
                rendering.remove(key, mine);
                mine.tryEmitEmpty(); // not kept (an error, say): those waiting render for themselves
            });
        }
        return earlier.asMono().map(Optional::of).defaultIfEmpty(Optional.empty())
                .timeout(RENDER_WAIT, Mono.just(Optional.empty()))
                .flatMap(kept -> kept.isPresent() ? send(exchange, chain, key, kept.get(), null) : render(exchange, chain, key));
    }

    /** A logged-in visitor's rating form: the kept stand-in render of its form, with the visitor's name put in. */
    private Mono<Void> personal(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        CachedRoutes.Match match = CachedRoutes.match(path);
        Key anyone = new Key(path, Languages.of(exchange).getLanguage(), false, match.route(), match.organizationId(), null);
        return PageModel.currentUser(exchange)
                .filter(CurrentUser::emailConfirmed)
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(found -> found.isEmpty() ? chain.filter(exchange) : found.map(user -> submission.ratedToday(
                        user.id(), anyone.organizationId()).flatMap(rated -> {
                    Key key = anyone.personal(rated);
                    RenderedPage page = pages.getIfPresent(key);
                    if (page == null || key.old(page)) {
                        refresh(key); // this visitor's page is rendered for them; the next ones get the kept one
                    }
                    if (page == null) {
                        return chain.filter(exchange);
                    }
                    return send(exchange, chain, key, page, HtmlUtils.htmlEscape(user.displayName()));
                })).orElseThrow());
    }

    /** {@code /o/{id}/rate} for someone logged in, without a kept draft or query: what {@link #personal} serves. */
    private static boolean personalRatingForm(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        return request.getMethod() == HttpMethod.GET && Sessions.carriesSession(exchange) && request.getURI().getRawQuery() == null
                && !request.getCookies().containsKey("ocenka-draft") && CachedRoutes.isRatingForm(request.getPath().value());
    }

    /** The page this request is for, or null when it is not one that is kept (or the visitor is logged in). */
    private static Key key(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.GET || Sessions.carriesSession(exchange)) {
            return null;
        }
        String path = request.getPath().value();
        CachedRoutes.Match match = CachedRoutes.match(path);
        if (match == null) {
            return null;
        }
        String query = request.getURI().getRawQuery();
        boolean fragment = request.getHeaders().containsHeader("HX-Request")
                && !request.getHeaders().containsHeader("HX-History-Restore-Request");
        return new Key(query == null ? path : path + "?" + query, Languages.of(exchange).getLanguage(), fragment,
                match.route(), match.organizationId(), null);
    }

    /** Sends a kept page; {@code name} (HTML-escaped) goes where a logged-in page shows the visitor's name. */
    private Mono<Void> send(ServerWebExchange exchange, WebFilterChain chain, Key key, RenderedPage page, String name) {
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

    /** Renders the page as usual, keeping what it wrote when it is a page worth keeping (200, HTML). */
    private Mono<Void> render(ServerWebExchange exchange, WebFilterChain chain, Key key) {
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

    private Mono<Void> keep(ServerWebExchange exchange, Key key, org.springframework.http.HttpStatusCode status,
                            HttpHeaders headers, byte[] bytes) {
        MediaType type = headers.getContentType();
        if (!HttpStatus.OK.equals(status) || type == null || !key.route().type().isCompatibleWith(type)
                || headers.containsHeader(HttpHeaders.CONTENT_ENCODING)) {
            return Mono.empty();
        }
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        Mono<String> used = token == null ? Mono.just("") : token.map(CsrfToken::getToken).defaultIfEmpty("");
        String name = key.ratedToday() == null ? null : NAME_PLACEHOLDER;
        return used.doOnNext(value -> {
            RenderedPage page = RenderedPage.of(bytes, value, name, System.currentTimeMillis());
            pages.put(key, page);
            Sinks.One<RenderedPage> waiting = rendering.remove(key);
            if (waiting != null) {
                waiting.tryEmitValue(page);
            }
        }).then();
    }

    /** Renders the page again in the background, by asking this instance for it. */
    private void refresh(Key key) {
        if (port == 0 || !refreshing.add(key)) {
            return;
        }
        client.get().uri("http://127.0.0.1:" + port + key.pathAndQuery())
                .header(HttpHeaders.ACCEPT, key.route().type().toString())
                .header(HttpHeaders.COOKIE, Languages.COOKIE + "=" + key.language())
                .header(RENDER_HEADER, secret)
                .headers(h -> {
                    if (key.fragment()) {
                        h.set("HX-Request", "true");
                    }
                    if (key.ratedToday() != null) {
                        h.set(TEMPLATE_HEADER, String.valueOf(key.ratedToday()));
                    }
                })
                .retrieve().toBodilessEntity()
                .timeout(Duration.ofSeconds(10))
                .doFinally(signal -> refreshing.remove(key))
                .subscribe(null, e -> log.debug("Page {} not refreshed: {}", key, e.toString()));
    }

    private void refreshChanged() {
        if (changedOrganizations.isEmpty()) {
            return;
        }
        Set<Long> changed = Set.copyOf(changedOrganizations);
        changedOrganizations.removeAll(changed);
        for (Key key : pages.asMap().keySet()) {
            if (changed.contains(key.organizationId())) {
                refresh(key);
            }
        }
    }

    /** Forgets every kept page (tests start from nothing). */
    @Override
    public void clear() {
        pages.invalidateAll();
    }

    private static boolean acceptsGzip(ServerHttpRequest request) {
        String accept = request.getHeaders().getFirst(HttpHeaders.ACCEPT_ENCODING);
        return accept != null && accept.contains("gzip");
    }

    @PreDestroy
    void stop() {
        refresher.dispose();
    }
}

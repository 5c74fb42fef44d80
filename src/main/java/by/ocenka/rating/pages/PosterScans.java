package by.ocenka.rating.pages;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import by.ocenka.catalog.PosterSource;
import by.ocenka.platform.InProcessRequests;
import by.ocenka.rating.PosterSources;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Counts a rating form opened from a poster's QR code ({@code /o/{id}/rate?src=desk}) before the page cache answers
 * it, so that a kept form counts too (and the cache's own renders do not); the count is an increment in memory
 * ({@link PosterSources}).
 */
@Component
@Order(-1) // after the security chain, before the page cache (0)
class PosterScans implements WebFilter {

    private static final Pattern FORM = Pattern.compile("/o/([0-9]{1,18})/rate");

    private final PosterSources sources;

    PosterScans(PosterSources sources) {
        this.sources = sources;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        // The page cache renders a kept form again in-process when the organisation's figures change: not a scan.
        if (request.getMethod() == HttpMethod.GET && request.getURI().getRawQuery() != null
                && InProcessRequests.of(exchange) == null) {
            String source = request.getQueryParams().getFirst(PosterSource.PARAMETER);
            Matcher form = source == null ? null : FORM.matcher(request.getPath().pathWithinApplication().value());
            if (form != null && form.matches()) {
                long organizationId = Long.parseLong(form.group(1));
                // Only a form that was shown: an unknown organisation's link (404) counts nowhere.
                exchange.getResponse().beforeCommit(() -> {
                    var status = exchange.getResponse().getStatusCode();
                    if (status == null || status.is2xxSuccessful() || status.value() == 304) {
                        sources.opened(organizationId, source);
                    }
                    return Mono.empty();
                });
            }
        }
        return chain.filter(exchange);
    }
}

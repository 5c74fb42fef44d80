package by.ocenka.platform.security;

import java.util.List;
import java.util.UUID;

import by.ocenka.platform.ApiException;
import by.ocenka.platform.SecurityCustomizer;
import by.ocenka.platform.Sessions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.session.web.server.session.SpringSessionWebSessionStore;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionIdResolver;
import reactor.core.publisher.Mono;

/**
 * Who may do what, for the whole portal. Anyone may read; writing needs a session (kept in Redis by Spring
 * Session, cookie {@code SESSION}) and the CSRF token (cookie {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN});
 * moderation needs a moderator, administration an admin. Refusals are problem answers like every other error.
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    ServerSecurityContextRepository securityContextRepository(
            SessionContexts known,
            ReactiveRedisSessionRepository store,
            LazyTouchSessionRepository.Settings settings) {
        return new SessionCookieContextRepository(known, store, settings);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ServerSecurityContextRepository contexts,
                                                  List<SecurityCustomizer> customizers) {
        customizers.forEach(customizer -> customizer.customize(http));
        CookieServerCsrfTokenRepository cookies = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        cookies.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        ServerCsrfTokenRepository csrfTokens = new EventLoopCsrfTokens(cookies);
        return http
                .securityMatcher(new NegatedServerWebExchangeMatcher(new PublicReads()))
                .securityContextRepository(contexts)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.disable())
                // Pages and /api/v1/auth/csrf carry the token masked afresh on every answer (no BREACH on compressed
                // pages that reflect input); API clients may still echo the cookie's token.
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new MaskedCsrfTokens())
                        .accessDeniedHandler((exchange, e) -> Mono.error(new ApiException(HttpStatus.FORBIDDEN, "csrf"))))
                .authorizeExchange(rules -> rules
                        .pathMatchers("/api/v1/me", "/api/v1/me/**").authenticated()
                        .pathMatchers("/api/v1/moderation/**").hasAnyRole("MODERATOR", "ADMIN")
                        .pathMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        // The cabinet's own scope check then limits each request to the user's subtrees.
                        .pathMatchers("/api/v1/cabinet/**").hasAnyRole("ORG_ADMIN", "ORG_RESPONDER", "ADMIN")
                        .pathMatchers(HttpMethod.POST, "/api/v1/auth/**", "/api/v1/feedback", "/api/v1/reviews/*/complaints",
                                "/api/v1/surveys/*/responses").permitAll()
                        // The pages' forms: each page itself sends a visitor who is not logged in to the login page.
                        .pathMatchers(HttpMethod.POST, "/login", "/logout", "/register", "/password-reset",
                                "/password-reset/confirm", "/confirm", "/o/*/rate", "/account/**", "/login/certificate", "/login/code", "/login/code/send", "/feedback", "/complaints/*", "/polls/*",
                                "/organizations/new").permitAll()
                        .pathMatchers(HttpMethod.GET, "/**").permitAll()
                        .pathMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .pathMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .anyExchange().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((exchange, e) -> Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized")))
                        .accessDeniedHandler((exchange, e) -> Mono.error(e instanceof CsrfException
                                ? new ApiException(HttpStatus.FORBIDDEN, "csrf")
                                : new ApiException(HttpStatus.FORBIDDEN, "forbidden"))))
                // Every answer's security headers come from SecurityHeaders, also those the chain is skipped for.
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .build();
    }

    /**
     * Sessions in Redis, written back when they change or once a minute for the idle timeout, not on every request:
     * Spring Session's web session manager gets a store over {@link LazyTouchSessionRepository}, everything else as
     * Boot configures it.
     */
    @Bean
    static BeanPostProcessor lazySessionTouches(
            ObjectProvider<ReactiveRedisSessionRepository> sessions,
            ObjectProvider<LazyTouchSessionRepository.Settings> settings,
            ObjectProvider<SessionContexts> known) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DefaultWebSessionManager manager) {
                    sessions.ifAvailable(redis -> manager.setSessionStore(
                            new SpringSessionWebSessionStore<>(
                                    new LazyTouchSessionRepository<>(redis, settings.getObject(), known.getObject()))));
                }
                return bean;
            }
        };
    }

    /** Cookie {@code SESSION}: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
    @Bean
    WebSessionIdResolver webSessionIdResolver() {
        return new CookieWebSessionIdResolver() {
            {
                setCookieName(Sessions.COOKIE);
            }

            @Override
            public void setSessionId(ServerWebExchange exchange, String id) {
                ResponseCookie cookie = ResponseCookie.from(getCookieName(), id).path("/").httpOnly(true).sameSite("Lax")
                        .secure("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme()))
                        .maxAge(getCookieMaxAge()).build();
                exchange.getResponse().getCookies().set(getCookieName(), cookie);
            }
        };
    }

    /**
     * The cookie repository, but generating tokens where it is asked to: Spring's generates them on the
     * bounded-elastic scheduler, which would move the rest of every such request off the event loop.
     */
    private record EventLoopCsrfTokens(CookieServerCsrfTokenRepository cookies) implements ServerCsrfTokenRepository {

        @Override
        public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
            return Mono.fromSupplier(() -> new DefaultCsrfToken("X-XSRF-TOKEN", "_csrf", UUID.randomUUID().toString()));
        }

        @Override
        public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
            return cookies.saveToken(exchange, token).then(Mono.fromRunnable(() -> secureOverHttps(exchange)));
        }

        /** {@code Secure} when the client came over HTTPS, also through a TLS-terminating proxy (its scheme). */
        private static void secureOverHttps(ServerWebExchange exchange) {
            ResponseCookie cookie = exchange.getResponse().getCookies().getFirst("XSRF-TOKEN");
            if (cookie != null && !cookie.isSecure() && "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
                exchange.getResponse().getCookies().set("XSRF-TOKEN", cookie.mutate().secure(true).build());
            }
        }

        @Override
        public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
            return cookies.loadToken(exchange);
        }
    }
}

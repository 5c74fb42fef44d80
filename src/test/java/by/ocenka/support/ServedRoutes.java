package by.ocenka.support;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import reactor.core.publisher.Mono;

/**
 * Every route the application serves, read from its handler mappings (controllers, router functions, resource
 * handlers) rather than kept by hand: {@code "GET /api/v1/organizations/{id}"}. A route without a method is served for
 * every method ({@code "* /path"}).
 */
public final class ServedRoutes {

    private ServedRoutes() {
    }

    public static Set<String> of(ApplicationContext context) {
        Set<String> routes = new TreeSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().forEach(info -> add(routes, info)));
        context.getBeansOfType(RouterFunctionMapping.class).values().forEach(mapping -> {
            RouterFunction<?> function = mapping.getRouterFunction();
            if (function != null) {
                function.accept(new Visitor(routes));
            }
        });
        context.getBeansOfType(AbstractUrlHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMap().keySet().forEach(pattern -> routes.add("GET " + pattern)));
        return routes;
    }

    private static void add(Set<String> routes, RequestMappingInfo info) {
        Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("*")
                : info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
        info.getPatternsCondition().getPatterns().forEach(pattern ->
                methods.forEach(method -> routes.add(method + " " + pattern.getPatternString())));
    }

    /** The method and path of each route of a router function. */
    private static final class Visitor implements RouterFunctions.Visitor, RequestPredicates.Visitor {

        private final Set<String> routes;
        private final Set<String> methods = new TreeSet<>();
        private String path;

        Visitor(Set<String> routes) {
            this.routes = routes;
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            methods.clear();
            path = null;
            predicate.accept(this);
            (methods.isEmpty() ? Set.of("*") : methods).forEach(method -> routes.add(method + " " + path));
        }

        @Override
        public void method(Set<HttpMethod> set) {
            set.forEach(method -> methods.add(method.name()));
        }

        @Override
        public void path(String pattern) {
            path = pattern;
        }

        @Override
        public void startNested(RequestPredicate predicate) {
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void resources(Function<ServerRequest,
                Mono<Resource>> lookupFunction) {
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
        }

        @Override
        public void pathExtension(String extension) {
        }

        @Override
        public void version(String version) {
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void queryParam(String name, String value) {
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(RequestPredicate predicate) {
        }
    }
}

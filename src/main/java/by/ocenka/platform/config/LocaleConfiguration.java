package by.ocenka.platform.config;

import by.ocenka.platform.Languages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.LocaleContextResolver;

/** Every request's language ({@link Languages}): what controllers receive as their {@code Locale} argument. */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration {

    @Bean(WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)
    LocaleContextResolver localeContextResolver() {
        return new Languages();
    }
}

package by.ocenka.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import by.ocenka.platform.Languages;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;
import org.thymeleaf.spring6.SpringWebFluxTemplateEngine;
import org.thymeleaf.templateresolver.ITemplateResolver;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** The page templates from memory (see {@link InMemoryTemplates}); replaces Spring Boot's class-path resolver. */
    @Bean("defaultTemplateResolver")
    ITemplateResolver defaultTemplateResolver() {
        return new InMemoryTemplates();
    }

    /**
     * Thymeleaf builds its configuration on the first page, reading service files from jars: build it at start-up,
     * with the Spring dialect that does not load the session for every page ({@link PageDialect}).
     */
    @Bean
    SmartInitializingSingleton initializeTemplateEngine(ISpringWebFluxTemplateEngine templates,
                                                        FormatsDialect formats) {
        return () -> {
            if (templates instanceof SpringWebFluxTemplateEngine engine) {
                PageDialect dialect = new PageDialect();
                dialect.setEnableSpringELCompiler(engine.getEnableSpringELCompiler());
                // Replaces every dialect: the portal's own ones are added again after it.
                engine.setDialect(dialect);
                engine.addDialect(formats);
            }
            templates.getConfiguration();
        };
    }

    /**
     * Message bundles (ours and Hibernate Validator's) load lazily from the class path, which is file I/O: load
     * them for every language at start-up so that no request reads a file on the event loop.
     */
    @Bean
    SmartInitializingSingleton loadMessageBundles(MessageSource messages, Validator validator) {
        return () -> {
            Locale previous = LocaleContextHolder.getLocale();
            try {
                // Outside a request the validator interpolates in the JVM's default locale: load that one too.
                List<Locale> locales = new ArrayList<>(Languages.SUPPORTED);
                locales.add(Locale.getDefault());
                for (Locale locale : locales) {
                    messages.getMessage("problem.status.500", null, "", locale);
                    LocaleContextHolder.setLocale(locale);
                    validator.validate(new WarmUp(null));
                }
            } finally {
                LocaleContextHolder.setLocale(previous);
            }
        };
    }

    private record WarmUp(@NotNull String value) {
    }
}

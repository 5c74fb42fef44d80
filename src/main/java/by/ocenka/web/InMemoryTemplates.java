package by.ocenka.web;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresource.ITemplateResource;
import org.thymeleaf.templateresource.StringTemplateResource;

/**
 * The page templates, read from {@code classpath:templates/} once at start-up and served from memory: Thymeleaf's
 * own resolvers read the class path when a template is first used, which would be file I/O on the event loop.
 */
final class InMemoryTemplates extends AbstractConfigurableTemplateResolver {

    private final Map<String, String> templates;

    InMemoryTemplates() {
        this.templates = load();
        setPrefix("");
        setSuffix(".html");
        setTemplateMode(TemplateMode.HTML);
        setCharacterEncoding("UTF-8");
        setCacheable(true);
        setCheckExistence(true);
    }

    private static Map<String, String> load() {
        Map<String, String> result = new HashMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html")) {
                String url = resource.getURL().toString();
                String name = url.substring(url.lastIndexOf("templates/") + "templates/".length());
                result.put(name, resource.getContentAsString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the page templates", e);
        }
        return Map.copyOf(result);
    }

    @Override
    protected ITemplateResource computeTemplateResource(IEngineConfiguration configuration, String ownerTemplate,
                                                        String template, String resourceName, String characterEncoding,
                                                        Map<String, Object> templateResolutionAttributes) {
        String content = templates.get(resourceName);
        return content == null ? new Missing(resourceName) : new StringTemplateResource(content);
    }


    /** A template that is not there: Thymeleaf checks {@code exists()} and reports the name. */
    private record Missing(String name) implements ITemplateResource {

        @Override
        public String getDescription() {
            return name;
        }

        @Override
        public String getBaseName() {
            return name;
        }

        @Override
        public boolean exists() {
            return false;
        }

        @Override
        public Reader reader() throws IOException {
            throw new FileNotFoundException(name);
        }

        @Override
        public ITemplateResource relative(String relativeLocation) {
            return new Missing(relativeLocation);
        }
    }
}

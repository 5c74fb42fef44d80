package by.ocenka.web;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * {@code #formats} in the pages: numbers and months as the page's language writes them ("7 000" and "авг. 2026" in
 * Russian, "7,000" and "Aug 2026" in English), where a fixed separator or an ISO month would be wrong in one of them.
 */
@Component
class FormatsDialect extends AbstractDialect implements IExpressionObjectDialect {

    FormatsDialect() {
        super("ocenka-formats");
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of("formats");
            }

            @Override
            public Object buildObject(IExpressionContext context, String name) {
                return new Formats(context.getLocale());
            }

            @Override
            public boolean isCacheable(String name) {
                return false;
            }
        };
    }
}

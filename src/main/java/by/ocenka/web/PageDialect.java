package by.ocenka.web;

import java.util.HashMap;
import java.util.Map;

import org.thymeleaf.spring6.dialect.SpringStandardDialect;
import org.thymeleaf.spring6.util.SpringReactiveModelAdditionsUtils;

/**
 * Thymeleaf's Spring dialect without the web session in every page's model: it resolves the session before each
 * render (a Redis read of the whole session for a logged-in visitor, and the session written back), while the pages
 * take the user from the security context and read the session only when they need it (a kept rating form).
 */
final class PageDialect extends SpringStandardDialect {

    private static final String WEB_SESSION = SpringReactiveModelAdditionsUtils.toReactiveModelAdditionName("thymeleafWebSession");

    @Override
    public Map<String, Object> getExecutionAttributes() {
        Map<String, Object> attributes = new HashMap<>(super.getExecutionAttributes());
        attributes.remove(WEB_SESSION);
        return attributes;
    }
}

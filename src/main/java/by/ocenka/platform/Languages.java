package by.ocenka.platform;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The portal speaks Russian (the default), Belarusian and English. The language is, in order: a {@code lang}
 * query parameter (the language switch), the {@code lang} cookie it leaves, then the best match of
 * {@code Accept-Language}.
 */
public final class Languages implements LocaleContextResolver {

    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    public static final Locale BELARUSIAN = Locale.forLanguageTag("be");
    public static final List<Locale> SUPPORTED = List.of(RUSSIAN, BELARUSIAN, Locale.ENGLISH);
    public static final String PARAMETER = "lang";
    public static final String COOKIE = "lang";

    /** The language of this request. */
    public static Locale of(ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return locale != null ? locale : RUSSIAN;
    }

    @Override
    public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
        Locale chosen = supported(exchange.getRequest().getQueryParams().getFirst(PARAMETER));
        if (chosen == null) {
            HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
            chosen = cookie != null ? supported(cookie.getValue()) : null;
        }
        if (chosen == null) {
            List<Locale.LanguageRange> ranges;
            try {
                ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
            } catch (IllegalArgumentException malformed) {
                ranges = List.of();
            }
            chosen = Locale.lookup(ranges, SUPPORTED);
        }
        return new SimpleLocaleContext(chosen != null ? chosen : RUSSIAN);
    }

    @Override
    public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
        remember(exchange, localeContext != null ? localeContext.getLocale() : null);
    }

    /** Keeps the chosen language in the {@code lang} cookie for a year; null forgets it. */
    public static void remember(ServerWebExchange exchange, Locale locale) {
        Locale chosen = locale != null ? supported(locale.toLanguageTag()) : null;
        ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(COOKIE, chosen != null ? chosen.getLanguage() : "")
                .path("/").sameSite("Lax");
        exchange.getResponse().addCookie(chosen != null ? cookie.maxAge(Duration.ofDays(365)).build()
                : cookie.maxAge(Duration.ZERO).build());
    }

    /** The supported locale a language tag names, or null. */
    public static Locale supported(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String language = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst().orElse(null);
    }
}

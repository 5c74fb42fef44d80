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

    /** The formats of one page's language. */
    public record Formats(Locale locale) {

        /** A whole number with the language's grouping ("15 006", "15,006"). */
        public String integer(Number value) {
            return value == null ? "—" : NumberFormat.getIntegerInstance(locale).format(value);
        }

        /** A number with this many decimals and the language's separator ("4,50", "4.50"); a dash for none. */
        public String decimal(Number value, int digits) {
            if (value == null) {
                return "—";
            }
            NumberFormat format = NumberFormat.getNumberInstance(locale);
            format.setMinimumFractionDigits(digits);
            format.setMaximumFractionDigits(digits);
            return format.format(value);
        }

        /** Opening hours with their common words in the language (the registry writes them in Russian). */
        public String hours(String hours) {
            return OpeningHours.in(hours, locale);
        }

        /** A moment as a Minsk date and time ("29.11.2026 03:00"). */
        public String moment(java.time.Instant instant) {
            return instant == null ? "" : java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", locale)
                    .format(instant.atZone(by.ocenka.platform.Minsk.ZONE));
        }

        /** "2026-08" as a month and year in the language. */
        public String month(String yearMonth) {
            return yearMonth == null ? "" : Sparkline.month(yearMonth, locale);
        }
    }
}

package by.ocenka.platform;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as every file the portal writes has it (exports, open data, poll results): RFC 4180 records ending in CRLF,
 * fields with a comma, quote or line break quoted, quotes doubled; and a text that a spreadsheet would run as a
 * formula (a leading {@code = + - @}, a TAB or a carriage return) kept as text by a leading apostrophe (OWASP's
 * "CSV injection"). Numbers are written as they are.
 */
public final class Csv {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    /** One record, with its CRLF. */
    public static String line(List<?> values) {
        return values.stream().map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    /** One field, ready to stand between commas. */
    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}

package by.ocenka.platform;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as every file the portal writes has it (exports, open data, poll results): RFC 4180 records ending in CRLF,
 * fields with a comma, quote or line break quoted, quotes doubled; and a text that a spreadsheet would run as a
 * formula (a leading {@code = + - @}, a TAB or a carriage return) kept as text by a leading apostrophe (OWASP's
 * "CSV injection"). A spreadsheet set to split on semicolons or TABs (Excel's Russian and Belarusian settings) starts a
 * cell after each of them, and a row after each line break, quoted or not: a formula there is kept as text the same
 * way. Numbers are written as they are.
 */
public final class Csv {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    /** One record, with its CRLF. */
    public static String line(List<?> values) {
        return line(values, ',');
    }

    /**
     * One record with another separator: a semicolon is what a spreadsheet set to a Russian or Belarusian locale
     * splits on (it takes the comma for the decimal point).
     */
    public static String line(List<?> values, char separator) {
        return values.stream().map(value -> field(value, separator)).collect(Collectors.joining(String.valueOf(separator)))
                + "\r\n";
    }

    /** One field, ready to stand between commas. */
    public static String field(Object value) {
        return field(value, ',');
    }

    private static String field(Object value, char separator) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number)) {
            text = neutralised(text);
        }
        return text.indexOf(separator) >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** The text with an apostrophe before each formula start at its beginning, or after a semicolon, TAB or line break. */
    private static String neutralised(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char before = i == 0 ? ';' : text.charAt(i - 1);
            boolean cellStart = before == ';' || before == '\t' || before == '\n' || before == '\r';
            if (cellStart && FORMULA_STARTS.indexOf(text.charAt(i)) >= 0 && !(i > 0 && text.charAt(i) == '\t')) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 4).append(text, 0, i);
                }
                out.append('\'');
            }
            if (out != null) {
                out.append(text.charAt(i));
            }
        }
        return out == null ? text : out.toString();
    }
}

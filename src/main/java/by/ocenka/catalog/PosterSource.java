package by.ocenka.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a QR code hangs: a short label an organisation gives each of its posters and codes (the desk, window 2, the
 * website), carried in the code's link as {@code src} so that the portal can count how often each was opened and how
 * many ratings followed. A label is lower-case Latin letters, digits and hyphens, at most 30 characters.
 */
public final class PosterSource {

    public static final String PARAMETER = "src";
    public static final String SERVICE_PARAMETER = "service";
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,29}");

    private PosterSource() {
    }

    /** The label, trimmed and in lower case, or null when it is none. */
    public static String label(String raw) {
        if (raw == null) {
            return null;
        }
        String label = raw.strip().toLowerCase(Locale.ROOT);
        return LABEL.matcher(label).matches() ? label : null;
    }

    /** The rating form's link for a service and a source (either may be null). */
    public static String rateUrl(String rateUrl, Long service, String source) {
        StringBuilder url = new StringBuilder(rateUrl);
        char next = rateUrl.contains("?") ? '&' : '?';
        if (service != null) {
            url.append(next).append(SERVICE_PARAMETER).append('=').append(service);
            next = '&';
        }
        String label = label(source);
        if (label != null) {
            url.append(next).append(PARAMETER).append('=').append(label);
        }
        return url.toString();
    }
}

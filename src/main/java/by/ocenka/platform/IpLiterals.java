package by.ocenka.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP addresses written out (forwarded headers, configuration) parsed without ever looking a name up:
 * {@link InetAddress#getByName} resolves whatever it does not take for a literal, a blocking DNS query on the event
 * loop. Only a dotted quad of octets, or hex digits and colons that begin with one of them, reach it: it parses those
 * numerically, and refuses a malformed IPv6 one without a lookup.
 */
public final class IpLiterals {

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    /** Four octets of 0 to 255 (the JDK resolves a quad it cannot parse, such as 999.1.1.1, as a name). */
    private static final Pattern V4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private IpLiterals() {
    }

    /** The address, or null when the text is not an IP literal (brackets around an IPv6 one allowed). */
    public static InetAddress parse(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = V4.matcher(literal).matches();
        if (!v4 && (literal.indexOf(':') < 0 || !V6.matcher(literal).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

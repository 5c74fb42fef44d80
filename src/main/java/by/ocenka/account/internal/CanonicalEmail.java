package by.ocenka.account.internal;

import java.util.Locale;

/**
 * An address's canonical form, as V24's SQL function {@code canonical_email} makes it: lower case, without a
 * "+tag", and for Gmail without the dots it ignores ({@code googlemail.com} is {@code gmail.com}). Counters and
 * lists kept per address (login limits, known browsers, mailed codes) are kept under it, so that typing the address
 * another way neither escapes a limit nor starts a fresh one. The two are held equal by a test.
 */
public final class CanonicalEmail {

    private CanonicalEmail() {
    }

    public static String of(String address) {
        String lower = address.strip().toLowerCase(Locale.ROOT);
        String[] parts = lower.split("@", -1);
        String local = parts[0];
        String domain = parts.length > 1 ? parts[1] : "";
        int tag = local.indexOf('+');
        if (tag >= 0) {
            local = local.substring(0, tag);
        }
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            return local.replace(".", "") + "@gmail.com";
        }
        return local + "@" + domain;
    }
}

package by.ocenka.web;

import java.util.regex.Pattern;

/** Checks the page forms share, kept in one place. */
public final class PageForms {

    /** The check a browser's e-mail field makes: something, an @, a domain with a dot. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private PageForms() {
    }

    /** Whether an address typed into a page form looks like one (as the browser's e-mail field would say). */
    public static boolean looksLikeAnEmail(String email) {
        return email.length() <= 254 && EMAIL.matcher(email).matches();
    }
}

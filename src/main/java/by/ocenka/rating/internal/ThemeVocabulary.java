package by.ocenka.rating.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import by.ocenka.rating.Theme;

/**
 * The themes' vocabulary as shipped: one data file per theme, {@code rating/themes/{theme}.txt} on the class path (the
 * line format is {@link ThemeTagger}'s). Moderators add lines of their own on top ({@code theme_term}).
 */
public final class ThemeVocabulary {

    private ThemeVocabulary() {
    }

    /** The shipped lines per theme ({@link Theme#OTHER} has no file), read once (a file read blocks). */
    public static Map<Theme, List<String>> packaged() {
        return Shipped.LINES;
    }

    /** Read when first asked for: {@link ThemeTagging} asks while the application starts, off any event loop. */
    private static final class Shipped {
        static final Map<Theme, List<String>> LINES = java.util.Collections.unmodifiableMap(read());
    }

    private static Map<Theme, List<String>> read() {
        Map<Theme, List<String>> lines = new EnumMap<>(Theme.class);
        for (Theme theme : Theme.values()) {
            if (theme == Theme.OTHER) {
                continue;
            }
            String path = "rating/themes/" + theme.code() + ".txt";
            try (InputStream in = ThemeVocabulary.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("The themes' vocabulary has no " + path);
                }
                lines.put(theme, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /** The shipped lines with these added (a moderator's), per theme. */
    public static Map<Theme, List<String>> with(Map<Theme, ? extends Collection<String>> added) {
        Map<Theme, List<String>> lines = new EnumMap<>(Theme.class);
        packaged().forEach((theme, own) -> {
            List<String> all = new ArrayList<>(own);
            Collection<String> extra = added.get(theme);
            if (extra != null) {
                all.addAll(extra);
            }
            lines.put(theme, all);
        });
        return lines;
    }
}

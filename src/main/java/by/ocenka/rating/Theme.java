package by.ocenka.rating;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a comment speaks of. A questionnaire keeps its comment's themes as a bit set ({@code questionnaire.themes}, bit
 * = ordinal): the order here is stored, so a new theme goes at the end, before none. {@link #OTHER} is a comment that
 * speaks of none of the others.
 */
public enum Theme {
    QUEUE, POLITENESS, INFORMATION, HOURS, PREMISES, ONLINE, COMPETENCE, TERM, OTHER;

    /** The name in the API and the vocabulary files: {@code queue}, {@code politeness}, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int bit() {
        return 1 << ordinal();
    }

    public static Optional<Theme> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst();
    }

    /** The themes a comment can be said to speak of: all but {@link #OTHER}, in order. */
    public static List<Theme> named() {
        return List.of(values()).subList(0, OTHER.ordinal());
    }

    /** One of {@link #named()} by its code (surrounding spaces ignored); empty for none, for {@code other} too. */
    public static Optional<Theme> namedOf(String code) {
        return code == null ? Optional.empty() : of(code.strip()).filter(t -> t != OTHER);
    }

    /** The key of its name in the messages. */
    public String messageKey() {
        return "theme." + code();
    }

    public static Set<Theme> fromBits(int bits) {
        Set<Theme> themes = EnumSet.noneOf(Theme.class);
        for (Theme theme : values()) {
            if ((bits & theme.bit()) != 0) {
                themes.add(theme);
            }
        }
        return themes;
    }

    public static int toBits(Set<Theme> themes) {
        int bits = 0;
        for (Theme theme : themes) {
            bits |= theme.bit();
        }
        return bits;
    }
}

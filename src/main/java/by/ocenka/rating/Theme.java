package by.ocenka.rating;

import java.util.Arrays;
import java.util.EnumSet;
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

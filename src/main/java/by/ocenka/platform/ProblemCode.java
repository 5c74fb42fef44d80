package by.ocenka.platform;

import java.util.Locale;

/**
 * A problem a module names, as a constant of its own enum ({@code RatingProblem.DAILY_LIMIT}) rather than a string
 * its callers match: the code in the problem's type URI and message keys is the constant's name in lower case with
 * hyphens ({@code daily-limit}).
 */
public interface ProblemCode {

    String name();

    default String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

package by.ocenka.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening hours come from the registry in Russian ("пн–пт 8:00–17:00, обед 13:00–14:00"); on the Belarusian and
 * English pages their common words are given in the page's language. Words it does not know stay as written.
 */
final class OpeningHours {

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "en", words("без выходных", "every day", "круглосуточно", "24 hours", "выходные", "closed", "выходной", "closed",
                    "обед", "lunch", "перерыв", "break", "пн", "Mon", "вт", "Tue", "ср", "Wed", "чт", "Thu", "пт", "Fri",
                    "сб", "Sat", "вс", "Sun"),
            "be", words("без выходных", "без выхадных", "круглосуточно", "кругласутачна", "выходные", "выхадныя",
                    "выходной", "выхадны", "обед", "абед", "перерыв", "перапынак", "пн", "пн", "вт", "аўт", "ср", "ср",
                    "чт", "чц", "пт", "пт", "сб", "сб", "вс", "нд"));

    private static final Map<String, Pattern> PATTERNS = Map.of(
            "en", pattern(WORDS.get("en")), "be", pattern(WORDS.get("be")));

    private OpeningHours() {
    }

    static String in(String hours, Locale locale) {
        if (hours == null) {
            return null;
        }
        Map<String, String> words = WORDS.get(locale.getLanguage());
        if (words == null) {
            return hours;
        }
        Matcher found = PATTERNS.get(locale.getLanguage()).matcher(hours);
        StringBuilder result = new StringBuilder();
        while (found.find()) {
            found.appendReplacement(result, Matcher.quoteReplacement(words.get(found.group().toLowerCase(Locale.ROOT))));
        }
        found.appendTail(result);
        return result.toString();
    }

    private static Map<String, String> words(String... pairs) {
        Map<String, String> words = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            words.put(pairs[i], pairs[i + 1]);
        }
        return words;
    }

    /** The longest phrases first, whole words only, any case. */
    private static Pattern pattern(Map<String, String> words) {
        String alternatives = String.join("|", words.keySet().stream()
                .sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).toList());
        return Pattern.compile("(?<![\\p{L}])(?:" + alternatives + ")(?![\\p{L}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}

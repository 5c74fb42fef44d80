package by.ocenka.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What citizens type for the public services and what the catalogue calls them ({@code catalog/search-synonyms.txt}):
 * "налоговая" is an "инспекция МНС", "паспорт" the "отдел по гражданству и миграции". A query's words become a text
 * query in which each word matches itself or its alternatives, either as word beginnings (to find) or as whole words
 * (to rank whole-word matches first).
 */
@Component
class SearchSynonyms {

    private static final String RESOURCE = "catalog/search-synonyms.txt";

    /** The alternatives of a typed word: each a phrase (its words). */
    private final Map<String, List<List<String>>> alternatives;

    SearchSynonyms() {
        this(read());
    }

    SearchSynonyms(Map<String, List<List<String>>> alternatives) {
        this.alternatives = Map.copyOf(alternatives);
    }

    /**
     * The text query for PostgreSQL's {@code to_tsquery}: every word (or a two-word phrase known as one, such as
     * "паспортный стол") must match, itself (whole) or an alternative.
     *
     * @param prefix whether words match as word beginnings ({@code :*}) or whole
     */
    String tsquery(List<String> words, boolean prefix) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String two = i + 1 < words.size() ? words.get(i) + " " + words.get(i + 1) : null;
            if (two != null && alternatives.containsKey(two)) {
                terms.add(term(two, prefix));
                i++;
            } else {
                terms.add(term(words.get(i), prefix));
            }
        }
        return String.join(" & ", terms);
    }

    boolean knows(String word) {
        return alternatives.containsKey(word);
    }

    private String term(String typed, boolean prefix) {
        String suffix = prefix ? ":*" : "";
        List<List<String>> known = alternatives.get(typed);
        if (known == null) {
            return typed + suffix;
        }
        // A known word is typed whole, and the synonym uses it up: as a word beginning it would also find other
        // names ("стол" of "паспортный стол" in "Столинский", "post" in "Postavy").
        String self = String.join(" & ", typed.split(" "));
        List<String> options = new ArrayList<>();
        options.add("(" + self + ")");
        for (List<String> phrase : known) {
            options.add("(" + phrase.stream().map(w -> w + suffix).collect(Collectors.joining(" & ")) + ")");
        }
        return "(" + String.join(" | ", options) + ")";
    }

    private static Map<String, List<List<String>>> read() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    static Map<String, List<List<String>>> parse(String text) {
        Map<String, List<List<String>>> result = new HashMap<>();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || !stripped.contains("=")) {
                continue;
            }
            String[] sides = stripped.split("=", 2);
            List<List<String>> phrases = new ArrayList<>();
            for (String phrase : sides[1].split(";")) {
                List<String> words = CatalogSearch.words(phrase);
                if (!words.isEmpty()) {
                    phrases.add(words);
                }
            }
            for (String typed : sides[0].split(",")) {
                String key = String.join(" ", CatalogSearch.words(typed.toLowerCase(Locale.ROOT)));
                if (!key.isEmpty()) {
                    result.computeIfAbsent(key, k -> new ArrayList<>()).addAll(phrases);
                }
            }
        }
        return result;
    }
}

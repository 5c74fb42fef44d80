package by.ocenka.catalog.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Near spellings of search words among the catalogue's words ({@code search_word}, kept by a trigger): what a
 * search runs with when the words as typed find nothing.
 */
@Repository
class TypoCorrections {

    private record Correction(int word, String stem, String spelling, long rank) {
    }

    /** The widened text query, and the words as most likely meant (each typed word replaced by its best spelling). */
    record Corrected(String tsquery, List<String> words) {
    }

    private final DatabaseClient db;

    TypoCorrections(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The text query with each word widened by its near spellings: "паликл" → "(паликл:* | поликлиник:*)". An edit
     * distance of one per four letters, at most two, measured against the same number of leading letters so that a
     * typo in a half-typed word is forgiven too.
     */
    Mono<Corrected> correct(List<String> words) {
        // Corrections are used as their Russian stems, once each: "района", "районе" and "районы" are one
        // alternative, not three for every row to be ranked against.
        return db.sql("""
                        SELECT q.i, s.word AS spelling, s.rank,
                               coalesce((ts_lexize('russian_stem', s.word))[1], s.word) AS word
                        FROM unnest(:words::text[]) WITH ORDINALITY AS q(w, i)
                        CROSS JOIN LATERAL (
                            SELECT word, row_number() OVER (ORDER BY levenshtein(left(word, length(q.w)), q.w),
                                                                     abs(length(word) - length(q.w)), word) AS rank
                            FROM search_word
                            WHERE length(q.w) >= 4
                              AND levenshtein(left(word, length(q.w)), q.w) <= CASE WHEN length(q.w) >= 8 THEN 2 ELSE 1 END
                            ORDER BY rank
                            LIMIT 4) s""")
                .bind("words", words.toArray(String[]::new))
                .map(row -> new Correction(row.get("i", Long.class).intValue() - 1, row.get("word", String.class),
                        row.get("spelling", String.class), row.get("rank", Long.class)))
                .all()
                .collectList()
                .map(corrections -> {
                    List<String> terms = new ArrayList<>();
                    List<String> meant = new ArrayList<>();
                    for (int i = 0; i < words.size(); i++) {
                        int index = i;
                        meant.add(corrections.stream().filter(c -> c.word() == index && c.rank() == 1)
                                .map(Correction::spelling).findFirst().orElse(words.get(i)));
                        List<String> found = corrections.stream().filter(c -> c.word() == index).map(Correction::stem)
                                .distinct().toList();
                        // A single word that found nothing is no use as an alternative to its corrections.
                        List<String> alternatives = words.size() == 1 && !found.isEmpty() ? new ArrayList<>()
                                : new ArrayList<>(List.of(words.get(i)));
                        found.stream().filter(stem -> !alternatives.contains(stem)).forEach(alternatives::add);
                        terms.add(alternatives.size() == 1 ? alternatives.get(0) + ":*"
                                : alternatives.stream().map(w -> w + ":*").collect(Collectors.joining(" | ", "(", ")")));
                    }
                    return new Corrected(String.join(" & ", terms), meant);
                });
    }
}

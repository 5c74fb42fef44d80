package by.ocenka.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import by.ocenka.rating.internal.ThemeTagger;
import by.ocenka.rating.internal.ThemeVocabulary;

/**
 * The tagger's cost per comment: the hand-labelled comments (src/test/resources/themes) tagged over and over on one
 * thread, after a warm-up of the same length; prints the microseconds per comment and the comments per second. Not
 * a test:
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=by.ocenka.bench.ThemeTaggerBenchmark -Dexec.classpathScope=test</pre>
 */
public final class ThemeTaggerBenchmark {

    private static final int ROUNDS = 300;

    private ThemeTaggerBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<String> comments = new ArrayList<>();
        for (String file : List.of("themes/labelled-tuning.tsv", "themes/labelled-held-out.tsv")) {
            try (InputStream in = ThemeTaggerBenchmark.class.getClassLoader().getResourceAsStream(file)) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                        .forEach(line -> comments.add(line.split("\t")[2]));
            }
        }
        long built = System.nanoTime();
        ThemeTagger tagger = new ThemeTagger(ThemeVocabulary.packaged());
        System.out.printf(Locale.ROOT, "vocabulary compiled in %.1f ms%n", (System.nanoTime() - built) / 1e6);
        int sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (String comment : comments) {
                sink += tagger.bits(comment);
            }
        }
        long start = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            for (String comment : comments) {
                sink += tagger.bits(comment);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long tagged = (long) ROUNDS * comments.size();
        double meanLength = comments.stream().mapToInt(String::length).average().orElse(0);
        System.out.printf(Locale.ROOT, "%d comments (mean %.0f characters) tagged %d times: %.1f µs per comment, %,.0f per second (%d)%n",
                comments.size(), meanLength, ROUNDS, seconds * 1e6 / tagged, tagged / seconds, sink & 1);
    }
}

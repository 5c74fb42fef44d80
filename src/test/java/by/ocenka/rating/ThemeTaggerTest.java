package by.ocenka.rating;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import by.ocenka.rating.internal.ThemeTagger;
import by.ocenka.rating.internal.ThemeVocabulary;
import org.junit.jupiter.api.Test;

/**
 * The theme tagger measured on hand-labelled comments (src/test/resources/themes): the tuning set the vocabulary was
 * written against, and a held-out set written apart from it, by another author, without seeing the vocabulary. The
 * figures per theme go to target/themes-report.md (docs/THEMES.md quotes them); the floors here keep a change to
 * the vocabulary from quietly making the tagger worse.
 */
class ThemeTaggerTest {

    private static final ThemeTagger TAGGER = new ThemeTagger(ThemeVocabulary.packaged());

    record Labelled(Set<Theme> themes, String language, String text) {
    }

    record Score(long truePositives, long falsePositives, long falseNegatives) {
        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }

        long support() {
            return truePositives + falseNegatives;
        }
    }

    @Test
    void wordFormsTyposAndBelarusianMeetTheirTheme() {
        assertThat(TAGGER.tag("Очередью недовольна, прождала час")).containsExactly(Theme.QUEUE);
        assertThat(TAGGER.tag("в ачереди стояли долго")).contains(Theme.QUEUE);
        assertThat(TAGGER.tag("Прастаялі ў чарзе паўдня")).contains(Theme.QUEUE);
        assertThat(TAGGER.tag("В очередной раз всё прошло отлично")).containsExactly(Theme.OTHER);
        assertThat(TAGGER.tag("Супрацоўніца вельмі ветлівая")).containsExactly(Theme.POLITENESS);
        assertThat(TAGGER.tag("Записалась через сайт, приняли в срок")).containsExactly(Theme.ONLINE, Theme.TERM);
        assertThat(TAGGER.tag("Спасибо!")).containsExactly(Theme.OTHER);
        // One typo in a long stem (no line spells it so): «доброжилательный» for «доброжелательный».
        assertThat(TAGGER.tag("очень доброжилательный персонал")).containsExactly(Theme.POLITENESS);
        // A phrase's words with others between them, however the first of a repeated word falls.
        assertThat(new ThemeTagger(Map.of(Theme.TERM, List.of("в тот же день"))).tag("в тот тот же самый день"))
                .containsExactly(Theme.TERM);
    }

    @Test
    void aModeratorsLineAddsToTheShippedVocabulary() {
        ThemeTagger extended = new ThemeTagger(ThemeVocabulary.with(Map.of(Theme.PREMISES, List.of("бахилы*", "фикус"))));
        assertThat(TAGGER.tag("На подоконнике засох фикус")).containsExactly(Theme.OTHER);
        assertThat(extended.tag("На подоконнике засох фикус")).containsExactly(Theme.PREMISES);
    }

    @Test
    void precisionAndRecallPerThemeOnTheLabelledComments() throws IOException {
        List<Labelled> tuning = read("themes/labelled-tuning.tsv");
        List<Labelled> heldOut = read("themes/labelled-held-out.tsv");
        assertThat(tuning.size() + heldOut.size()).isGreaterThanOrEqualTo(200);
        Map<Theme, Score> tuned = measure(tuning);
        Map<Theme, Score> held = measure(heldOut);
        StringBuilder report = new StringBuilder("| theme | tuning: precision | recall | n | held out: precision | recall | n |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Theme theme : Theme.values()) {
            Score t = tuned.get(theme);
            Score h = held.get(theme);
            report.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %d | %.2f | %.2f | %d |%n", theme.code(),
                    t.precision(), t.recall(), t.support(), h.precision(), h.recall(), h.support()));
        }
        report.append(String.format(Locale.ROOT, "| the eight themes (micro) | %.2f | %.2f | %d | %.2f | %.2f | %d |%n",
                micro(tuned).precision(), micro(tuned).recall(), micro(tuned).support(),
                micro(held).precision(), micro(held).recall(), micro(held).support()));
        report.append(misses(heldOut));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/themes-report.md"), report + "\n" + misses(tuning));
        assertThat(micro(tuned).precision()).isGreaterThanOrEqualTo(0.87);
        assertThat(micro(tuned).recall()).isGreaterThanOrEqualTo(0.93);
        assertThat(micro(held).precision()).isGreaterThanOrEqualTo(0.80);
        assertThat(micro(held).recall()).isGreaterThanOrEqualTo(0.80);
    }

    private static Map<Theme, Score> measure(List<Labelled> comments) {
        Map<Theme, long[]> counts = new EnumMap<>(Theme.class);
        for (Theme theme : Theme.values()) {
            counts.put(theme, new long[3]);
        }
        for (Labelled comment : comments) {
            Set<Theme> found = TAGGER.tag(comment.text());
            for (Theme theme : Theme.values()) {
                boolean truth = comment.themes().contains(theme);
                boolean said = found.contains(theme);
                long[] c = counts.get(theme);
                if (truth && said) {
                    c[0]++;
                } else if (said) {
                    c[1]++;
                } else if (truth) {
                    c[2]++;
                }
            }
        }
        Map<Theme, Score> scores = new EnumMap<>(Theme.class);
        counts.forEach((theme, c) -> scores.put(theme, new Score(c[0], c[1], c[2])));
        return scores;
    }

    /** Over the eight themes ("other" says only that none of them was found, and would flatter the figures). */
    private static Score micro(Map<Theme, Score> scores) {
        return scores.entrySet().stream().filter(e -> e.getKey() != Theme.OTHER).map(Map.Entry::getValue).reduce(new Score(0, 0, 0), (a, b) -> new Score(a.truePositives() + b.truePositives(),
                a.falsePositives() + b.falsePositives(), a.falseNegatives() + b.falseNegatives()));
    }

    private static String misses(List<Labelled> comments) {
        return comments.stream()
                .filter(c -> !TAGGER.tag(c.text()).equals(c.themes()))
                .map(c -> "- " + codes(c.themes()) + " → " + codes(TAGGER.tag(c.text())) + ": " + c.text())
                .collect(Collectors.joining("\n", "\n### Differing\n", "\n"));
    }

    private static String codes(Set<Theme> themes) {
        return themes.stream().map(Theme::code).collect(Collectors.joining(","));
    }

    private static List<Labelled> read(String path) throws IOException {
        try (InputStream in = ThemeTaggerTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).map(line -> {
                String[] fields = line.split("\t");
                Set<Theme> themes = EnumSet.noneOf(Theme.class);
                Arrays.stream(fields[0].split(",")).forEach(code -> themes.add(Theme.of(code).orElseThrow(
                        () -> new IllegalArgumentException("No theme " + code + " in " + line))));
                return new Labelled(themes, fields[1], fields[2]);
            }).toList();
        }
    }
}

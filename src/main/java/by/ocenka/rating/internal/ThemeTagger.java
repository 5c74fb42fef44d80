package by.ocenka.rating.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import by.ocenka.rating.Theme;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;
import org.apache.lucene.util.automaton.Operations;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * Tags a comment with the themes it speaks of, in Russian and Belarusian. A comment and the vocabulary go through one
 * analyser: Lucene's standard tokenizer, lower case, the Belarusian letters folded to their Russian neighbours (і→и,
 * ў→у, ё→е, apostrophes dropped) and Lucene's Russian Snowball stemmer, so «очередь», «очереди» and «очередью» are one
 * stem, and Belarusian forms meet theirs where the endings agree (the vocabulary lists the Belarusian words too).
 *
 * <p>A vocabulary line is one of:
 * <ul>
 *   <li>{@code word}: the word's stem; a stem of seven letters or more also matches with one typo (Levenshtein 1), as
 *       people type on phones («ачередь», «вежлевый»);</li>
 *   <li>{@code =word}: the stem, without typos;</li>
 *   <li>{@code word*}: any word that starts so (the word and the prefix folded, not stemmed);</li>
 *   <li>{@code two words}: the stems in this order, with at most one other word between each two;</li>
 *   <li>{@code -word}: a stem that never counts for the theme, typo or prefix notwithstanding («очередной» is not a
 *       queue); one word only;</li>
 *   <li>{@code # ...}: a comment.</li>
 * </ul>
 * A comment none of whose themes is found is {@link Theme#OTHER}. Immutable and safe for any number of threads.
 */
public final class ThemeTagger {

    /** Stems at least this long match with one typo. */
    static final int TYPO_FROM = 7;

    private static final Analyzer STEMS = new FoldingRussianAnalyzer(true);
    private static final Analyzer WORDS = new FoldingRussianAnalyzer(false);

    private final Map<Theme, CharacterRunAutomaton> words = new EnumMap<>(Theme.class);
    private final Map<Theme, CharacterRunAutomaton> prefixes = new EnumMap<>(Theme.class);
    private final Map<Theme, Set<String>> excluded = new EnumMap<>(Theme.class);
    private final Map<Theme, List<Element[]>> phrases = new EnumMap<>(Theme.class);

    /** A tagger over these vocabulary lines per theme ({@link Theme#OTHER} has none). */
    public ThemeTagger(Map<Theme, ? extends Collection<String>> vocabulary) {
        vocabulary.forEach((theme, lines) -> {
            List<Automaton> single = new ArrayList<>();
            List<Automaton> starts = new ArrayList<>();
            Set<String> never = new HashSet<>();
            List<Element[]> sequences = new ArrayList<>();
            for (String raw : lines) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("-")) {
                    List<String> stems = stems(line.substring(1));
                    if (stems.size() == 1) {
                        never.add(stems.get(0));
                    }
                    continue;
                }
                boolean exact = line.startsWith("=");
                Element[] elements = elements(exact ? line.substring(1) : line);
                if (elements.length == 1) {
                    (elements[0].prefix() ? starts : single).add(elements[0].automaton(!exact));
                } else if (elements.length > 1) {
                    sequences.add(elements);
                }
            }
            if (!single.isEmpty()) {
                words.put(theme, union(single));
            }
            if (!starts.isEmpty()) {
                prefixes.put(theme, union(starts));
            }
            excluded.put(theme, never);
            phrases.put(theme, sequences);
        });
    }

    /** The comment's themes: never empty ({@link Theme#OTHER} when none is found). */
    public Set<Theme> tag(String comment) {
        List<Token> stems = tokens(comment);
        Set<Theme> found = EnumSet.noneOf(Theme.class);
        for (Theme theme : Theme.values()) {
            if (theme != Theme.OTHER && speaksOf(theme, stems)) {
                found.add(theme);
            }
        }
        if (found.isEmpty()) {
            found.add(Theme.OTHER);
        }
        return found;
    }

    public int bits(String comment) {
        return Theme.toBits(tag(comment));
    }

    private static CharacterRunAutomaton union(List<Automaton> automata) {
        return new CharacterRunAutomaton(Operations.determinize(Operations.union(automata),
                Operations.DEFAULT_DETERMINIZE_WORK_LIMIT));
    }

    private boolean speaksOf(Theme theme, List<Token> stems) {
        CharacterRunAutomaton automaton = words.get(theme);
        CharacterRunAutomaton start = prefixes.get(theme);
        Set<String> never = excluded.getOrDefault(theme, Set.of());
        for (Token token : stems) {
            if (never.contains(token.stem())) {
                continue;
            }
            if (automaton != null && automaton.run(token.stem()) || start != null && start.run(token.word())) {
                return true;
            }
        }
        for (Element[] phrase : phrases.getOrDefault(theme, List.of())) {
            if (contains(stems, phrase, never)) {
                return true;
            }
        }
        return false;
    }

    /** The phrase's elements in order, each next one at most two words after the one before (every way tried). */
    private static boolean contains(List<Token> stems, Element[] phrase, Set<String> never) {
        for (int start = 0; start < stems.size(); start++) {
            if (phrase[0].matches(stems.get(start), never) && rest(stems, phrase, 1, start, never)) {
                return true;
            }
        }
        return false;
    }

    private static boolean rest(List<Token> stems, Element[] phrase, int k, int at, Set<String> never) {
        if (k == phrase.length) {
            return true;
        }
        for (int j = at + 1; j <= Math.min(at + 2, stems.size() - 1); j++) {
            if (phrase[k].matches(stems.get(j), never) && rest(stems, phrase, k + 1, j, never)) {
                return true;
            }
        }
        return false;
    }

    private static Element[] elements(String text) {
        List<Element> elements = new ArrayList<>();
        for (String word : text.split("\\s+")) {
            if (word.endsWith("*")) {
                analyse(WORDS, word.substring(0, word.length() - 1)).forEach(prefix -> elements.add(new Element(prefix, true)));
            } else {
                stems(word).forEach(stem -> elements.add(new Element(stem, false)));
            }
        }
        return elements.toArray(Element[]::new);
    }

    /** The text's words, folded and stemmed, in order. Both analysers split alike (the stemmer drops no token). */
    static List<Token> tokens(String text) {
        List<String> stems = stems(text);
        List<String> words = analyse(WORDS, text);
        List<Token> tokens = new ArrayList<>(stems.size());
        for (int i = 0; i < stems.size(); i++) {
            tokens.add(new Token(words.get(i), stems.get(i)));
        }
        return tokens;
    }

    /** The text's stems in order, as the tagger sees them. */
    public static List<String> stems(String text) {
        return analyse(STEMS, text);
    }

    private static List<String> analyse(Analyzer analyzer, String text) {
        List<String> stems = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("comment", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                stems.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stems;
    }

    private record Element(String stem, boolean prefix) {

        Automaton automaton(boolean typos) {
            if (prefix) {
                return Operations.concatenate(Automata.makeString(stem), Automata.makeAnyString());
            }
            if (typos && stem.length() >= TYPO_FROM) {
                return new LevenshteinAutomata(stem, false).toAutomaton(1);
            }
            return Automata.makeString(stem);
        }

        boolean matches(Token token, Set<String> never) {
            if (never.contains(token.stem())) {
                return false;
            }
            return prefix ? token.word().startsWith(stem) : token.stem().equals(stem);
        }
    }

    /** A word of the comment: folded to lower case, and its stem. */
    record Token(String word, String stem) {
    }

    /** Standard tokens, lower case, Belarusian letters folded to Russian ones, Russian Snowball stems if asked. */
    private static final class FoldingRussianAnalyzer extends Analyzer {

        private final boolean stemmed;

        FoldingRussianAnalyzer(boolean stemmed) {
            this.stemmed = stemmed;
        }

        private static final NormalizeCharMap FOLDS;

        static {
            NormalizeCharMap.Builder folds = new NormalizeCharMap.Builder();
            folds.add("ё", "е");
            folds.add("Ё", "Е");
            folds.add("і", "и");
            folds.add("І", "И");
            folds.add("ў", "у");
            folds.add("Ў", "У");
            folds.add("'", "");
            folds.add("’", "");
            folds.add("ʼ", "");
            FOLDS = folds.build();
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new MappingCharFilter(FOLDS, reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(tokenizer);
            if (stemmed) {
                stream = new SnowballFilter(stream, new RussianStemmer());
            }
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}

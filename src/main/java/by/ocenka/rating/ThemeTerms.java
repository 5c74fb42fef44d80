package by.ocenka.rating;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import by.ocenka.platform.ApiException;
import org.springframework.http.HttpStatus;
import by.ocenka.rating.ThemeRecords.ThemeTerm;
import by.ocenka.rating.internal.ThemeRepository;
import by.ocenka.rating.internal.ThemeTagger;
import by.ocenka.rating.internal.ThemeTagging;
import by.ocenka.rating.internal.ThemeVocabulary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The themes' vocabulary a moderator extends: lines added to a theme's shipped data file (the format is
 * {@link ThemeTagger}'s). A change moves the vocabulary's version, and every comment is tagged again behind it.
 */
@Service
public class ThemeTerms {

    static final int MAX_LENGTH = 80;
    static final int MAX_SAMPLE = 2_000;
    static final int MIN_PREFIX = 3;

    private final ThemeRepository repository;
    private final TransactionalOperator transaction;
    private final ThemeTagging tagging;

    ThemeTerms(ThemeRepository repository, TransactionalOperator transaction, ThemeTagging tagging) {
        this.repository = repository;
        this.transaction = transaction;
        this.tagging = tagging;
    }

    /** How many lines each theme's shipped data file has. */
    public Map<Theme, Integer> shippedLines() {
        Map<Theme, Integer> counts = new EnumMap<>(Theme.class);
        ThemeVocabulary.packaged().forEach((theme, lines) -> counts.put(theme,
                (int) lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).count()));
        return counts;
    }

    /** The themes the current vocabulary (shipped and added) finds in a text: a moderator trying a line out. */
    public Mono<Set<Theme>> tryOn(String text) {
        String sample = text == null ? "" : text.strip();
        if (sample.isEmpty() || sample.length() > MAX_SAMPLE) {
            return Mono.error(ApiException.invalid("text", "validation.range", 1, MAX_SAMPLE));
        }
        return tagging.current().map(tagger -> tagger.tag(sample));
    }

    public Mono<List<ThemeTerm>> added() {
        return repository.terms().collectList();
    }

    /**
     * Adds a line to a theme: 400 on {@code theme} for an unknown one (or {@code other}), on {@code term} for an empty
     * or overlong line, one with no word, or an exclusion of more than one word; 409 when the theme has it already.
     */
    public Mono<Long> add(String themeCode, String term, long moderatorId) {
        Theme theme = Theme.namedOf(themeCode).orElse(null);
        if (theme == null) {
            return Mono.error(ApiException.invalid("theme", "validation.theme"));
        }
        String line = term == null ? "" : term.strip().replaceAll("\\s+", " ");
        if (!wellFormed(line)) {
            return Mono.error(ApiException.invalid("term", "validation.themeTerm"));
        }
        // The vocabulary with the line is compiled before it is kept: a line that would not compile (or compile into
        // something too large) is refused here rather than stopping the tagging of every comment.
        return transaction.transactional(repository.terms().collectList()
                .publishOn(Schedulers.parallel())
                .flatMap(terms -> {
                    List<ThemeTerm> with = new ArrayList<>(terms);
                    with.add(new ThemeTerm(0, theme.code(), line, null));
                    try {
                        ThemeTagging.build(with);
                    } catch (RuntimeException e) {
                        return Mono.error(ApiException.invalid("term", "validation.themeTerm"));
                    }
                    return repository.addTerm(theme.code(), line, moderatorId);
                })
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.CONFLICT, "theme-term-exists")))
                .flatMap(id -> repository.vocabularyChanged().thenReturn(id)));
    }

    /**
     * A line the tagger can use: not empty, at most 80 characters, not a comment, with a word in it; an exclusion of
     * one word; a prefix of at least three letters (a shorter one would take in most of the language).
     */
    static boolean wellFormed(String line) {
        if (line.isEmpty() || line.length() > MAX_LENGTH || line.startsWith("#")) {
            return false;
        }
        String words = line.replaceFirst("^[-=]", "");
        List<String> stems = ThemeTagger.stems(words.replace("*", ""));
        if (stems.isEmpty() || line.startsWith("-") && stems.size() > 1) {
            return false;
        }
        for (String word : words.split(" ")) {
            if (word.endsWith("*") && word.replace("*", "").codePoints().filter(Character::isLetter).count() < MIN_PREFIX) {
                return false;
            }
        }
        return true;
    }

    /** Removes an added line: 404 when there is none with this id. */
    public Mono<Void> remove(long id) {
        return transaction.transactional(repository.removeTerm(id)
                .flatMap(n -> n == 0 ? Mono.error(ApiException.notFound("theme-term-not-found", id)) : repository.vocabularyChanged()));
    }
}

package by.ocenka.rating;

import java.util.List;

import by.ocenka.platform.ApiException;
import org.springframework.http.HttpStatus;
import by.ocenka.rating.ThemeRecords.ThemeTerm;
import by.ocenka.rating.internal.ThemeRepository;
import by.ocenka.rating.internal.ThemeTagger;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The themes' vocabulary a moderator extends: lines added to a theme's shipped data file (the format is
 * {@link ThemeTagger}'s). A change moves the vocabulary's version, and every comment is tagged again behind it.
 */
@Service
public class ThemeTerms {

    static final int MAX_LENGTH = 80;

    private final ThemeRepository repository;
    private final TransactionalOperator transaction;

    ThemeTerms(ThemeRepository repository, TransactionalOperator transaction) {
        this.repository = repository;
        this.transaction = transaction;
    }

    public Mono<List<ThemeTerm>> added() {
        return repository.terms().collectList();
    }

    /**
     * Adds a line to a theme: 400 on {@code theme} for an unknown one (or {@code other}), on {@code term} for an empty
     * or overlong line, one with no word, or an exclusion of more than one word; 409 when the theme has it already.
     */
    public Mono<Long> add(String themeCode, String term, long moderatorId) {
        Theme theme = Theme.of(themeCode == null ? "" : themeCode).filter(t -> t != Theme.OTHER).orElse(null);
        if (theme == null) {
            return Mono.error(ApiException.invalid("theme", "validation.theme"));
        }
        String line = term == null ? "" : term.strip().replaceAll("\\s+", " ");
        String words = line.replaceFirst("^[-=]", "").replace("*", "");
        if (line.isEmpty() || line.length() > MAX_LENGTH || line.startsWith("#") || ThemeTagger.stems(words).isEmpty()
                || line.startsWith("-") && ThemeTagger.stems(words).size() > 1) {
            return Mono.error(ApiException.invalid("term", "validation.themeTerm"));
        }
        return transaction.transactional(repository.addTerm(theme.code(), line, moderatorId)
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.CONFLICT, "theme-term-exists")))
                .flatMap(id -> repository.vocabularyChanged().thenReturn(id)));
    }

    /** Removes an added line: 404 when there is none with this id. */
    public Mono<Void> remove(long id) {
        return transaction.transactional(repository.removeTerm(id)
                .flatMap(n -> n == 0 ? Mono.error(ApiException.notFound("theme-term-not-found", id)) : repository.vocabularyChanged()));
    }
}

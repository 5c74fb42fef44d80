package by.ocenka.catalog.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What citizens type, turned into PostgreSQL text queries with the catalogue's names as alternatives. */
class SearchSynonymsTest {

    private final SearchSynonyms synonyms = new SearchSynonyms(SearchSynonyms.parse("""
            # a comment, and a line without "=" are skipped
            just words
            налоговая, налоговой = инспекция мнс
            паспортный стол = гражданству и миграции; паспортный
            """));

    @Test
    void aKnownWordMatchesItselfWholeOrEachAlternative() {
        assertThat(synonyms.tsquery(List.of("налоговой"), true)).isEqualTo("((налоговой) | (инспекция:* & мнс:*))");
        assertThat(synonyms.tsquery(List.of("налоговая"), false)).isEqualTo("((налоговая) | (инспекция & мнс))");
    }

    @Test
    void aTwoWordPhraseIsTakenAsOneAndOtherWordsStayAsTyped() {
        assertThat(synonyms.tsquery(List.of("паспортный", "стол", "минск"), true)).isEqualTo(
                "((паспортный & стол) | (гражданству:* & и:* & миграции:*) | (паспортный:*)) & минск:*");
        assertThat(synonyms.knows("паспортный стол")).isTrue();
        assertThat(synonyms.knows("just")).isFalse();
    }

    @Test
    void theShippedListKnowsTheCommonNames() {
        SearchSynonyms shipped = new SearchSynonyms();
        assertThat(shipped.knows("налоговая")).isTrue();
        assertThat(shipped.knows("райисполком")).isTrue();
        assertThat(shipped.tsquery(List.of("гаи"), true)).contains("отделение:* & гаи:*");
    }
}

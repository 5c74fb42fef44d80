package by.ocenka.rating.pages;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import by.ocenka.account.Role;
import by.ocenka.catalog.demo.CatalogDemoData;
import by.ocenka.rating.RatingTestSupport;
import by.ocenka.support.IntegrationTest;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What other sites embed (issue 16): the badge is valid SVG with the current score and count in the asked language,
 * and the reviews feed is valid Atom (RFC 4287's RELAX NG schema, checked with Jing) with the comments and replies.
 */
class EmbedsTest extends IntegrationTest {

    long org;

    @BeforeEach
    void catalogue() {
        org = minskOrganization();
    }

    private long rate(WebTestClient citizen, int score, String comment) {
        Map<String, Integer> scores = new HashMap<>();
        RatingTestSupport.FIVES.keySet().forEach(code -> scores.put(code, score));
        return ((Number) citizen.post().uri("/api/v1/organizations/" + org + "/ratings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scores", scores, "comment", comment)).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theBadgeIsValidSvgWithTheCurrentScoreInTheAskedLanguage() throws Exception {
        var answer = web.get().uri("/o/" + org + "/badge.svg").header("Accept-Language", "ru").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("image/svg+xml"))
                .expectHeader().value("Cache-Control", c -> assertThat(c).contains("max-age=300").contains("public"))
                .expectBody(String.class).returnResult().getResponseBody();
        Document unrated = parse(answer);
        assertThat(unrated.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(unrated.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(unrated.getDocumentElement().getTextContent()).contains("Оценка").contains("Оценок: 0");

        rate(citizen(), 4, "Хорошо");
        rate(citizen(), 5, "Отлично & быстро <без очереди>");
        clearCaches();
        String rated = web.get().uri("/o/" + org + "/badge.svg").header("Accept-Language", "ru").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(parse(rated).getDocumentElement().getTextContent()).contains("4,50").contains("Оценок: 2");
        String english = web.get().uri("/o/" + org + "/badge.svg").header("Accept-Language", "en").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(parse(english).getDocumentElement().getTextContent()).contains("4.50").contains("Ratings: 2");
        web.get().uri("/o/987654321/badge.svg").exchange().expectStatus().isNotFound();
    }

    @Test
    void theReviewsFeedIsValidAtomWithCommentsAndReplies() throws Exception {
        long questionnaire = rate(citizen(), 5, "Отлично & быстро <без очереди>");
        rate(citizen(), 3, "Долго ждали");
        loggedInAs(Role.ORG_RESPONDER, org).post().uri("/api/v1/cabinet/questionnaires/" + questionnaire + "/reply")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("text", "Спасибо, рады помочь"))
                .exchange().expectStatus().is2xxSuccessful();
        clearCaches();

        String feed = web.get().uri("/o/" + org + "/reviews.atom").header("Accept-Language", "ru").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("application/atom+xml"))
                .expectBody(String.class).returnResult().getResponseBody();

        StringBuilder problems = new StringBuilder();
        PropertyMapBuilder properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                problems.append(e.getLineNumber()).append(": ").append(e.getMessage()).append('\n');
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        });
        ValidationDriver atom = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
        assertThat(atom.loadSchema(new InputSource(getClass().getResource("/atom.rnc").toString()))).isTrue();
        boolean valid = atom.validate(new InputSource(new StringReader(feed)));
        assertThat(valid).as("the feed against RFC 4287's schema: %s", problems).isTrue();

        Document document = parse(feed);
        assertThat(document.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength()).isEqualTo(3);
        assertThat(document.getDocumentElement().getTextContent()).contains("Отлично & быстро <без очереди>")
                .contains("Спасибо, рады помочь").contains("Долго ждали");
        // A broken schema check would let anything through: a feed without its id is refused.
        assertThat(atom.validate(new InputSource(new StringReader(feed.replaceFirst("<id>[^<]*</id>", ""))))).isFalse();
        web.get().uri("/o/987654321/reviews.atom").exchange().expectStatus().isNotFound();
    }
}
